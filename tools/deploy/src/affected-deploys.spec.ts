import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

// `nx affected -t deploy` deploys exactly the apps whose code changed: a change inside one app marks
// that app and infra (which packages every app) affected, and nothing else. Asked of Nx itself, one
// app at a time (about 5 s each: Nx builds the project graph).
const root = path.resolve(__dirname, '../../..');

const apps = readdirSync(path.join(root, 'apps'))
  .map((directory) => path.join('apps', directory))
  .filter((directory) => existsSync(path.join(root, directory, 'project.json')))
  .map((directory) => ({
    directory,
    name: (
      JSON.parse(readFileSync(path.join(root, directory, 'project.json'), 'utf8')) as {
        name: string;
      }
    ).name,
  }));

function affectedBy(file: string): string[] {
  const output = execFileSync(
    'npx',
    ['nx', 'show', 'projects', '--affected', `--files=${file}`, '--json'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false' },
    },
  );
  const lastLine = output.trim().split('\n').at(-1) ?? '[]';
  return (JSON.parse(lastLine) as string[]).sort();
}

describe('affected projects of an app change', () => {
  it('finds the apps', () => {
    expect(apps.length).toBeGreaterThan(0);
  });

  it.each(apps.map((app) => [app.name, app.directory] as const))(
    'marks only %s and infra when its code changes',
    (name, directory) => {
      expect(affectedBy(`${directory}/src/main.ts`)).toEqual([name, 'infra'].sort());
    },
    60_000,
  );
});
