import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';

const { packageDirectory } = require('./package-app.cjs') as {
  packageDirectory: (sourceDir: string, zipFile: string) => string;
};

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function writeBundle(directory: string, mtime: Date): void {
  mkdirSync(path.join(directory, 'chunks'), { recursive: true });
  writeFileSync(path.join(directory, 'main.js'), 'exports.handler = async () => 42;\n');
  writeFileSync(path.join(directory, 'main.js.map'), '{"version":3}');
  writeFileSync(path.join(directory, 'chunks', 'a.js'), 'module.exports = 1;\n');
  for (const file of ['main.js', 'main.js.map', 'chunks/a.js']) {
    utimesSync(path.join(directory, file), mtime, mtime);
  }
}

describe('packageDirectory', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'package-app-'));

  it('produces identical bytes for identical inputs whatever their timestamps', () => {
    writeBundle(path.join(work, 'first'), new Date('2020-05-01T10:00:00Z'));
    writeBundle(path.join(work, 'second'), new Date('2024-12-24T18:30:00Z'));

    const firstHash = packageDirectory(path.join(work, 'first'), path.join(work, 'first.zip'));
    const secondHash = packageDirectory(path.join(work, 'second'), path.join(work, 'second.zip'));

    expect(sha256(path.join(work, 'first.zip'))).toBe(sha256(path.join(work, 'second.zip')));
    expect(firstHash).toBe(secondHash);
  });

  it('keeps every file, in sorted order, with its content', () => {
    const zipFile = path.join(work, 'content.zip');
    packageDirectory(path.join(work, 'first'), zipFile);
    const entries = unzipSync(readFileSync(zipFile));
    expect(Object.keys(entries)).toEqual(['chunks/a.js', 'main.js', 'main.js.map']);
    expect(Buffer.from(entries['main.js'] ?? []).toString()).toContain('exports.handler');
  });

  it('changes the hash when a file changes', () => {
    const changed = path.join(work, 'changed');
    writeBundle(changed, new Date('2020-05-01T10:00:00Z'));
    writeFileSync(path.join(changed, 'main.js'), 'exports.handler = async () => 43;\n');
    expect(packageDirectory(changed, path.join(work, 'changed.zip'))).not.toBe(
      packageDirectory(path.join(work, 'first'), path.join(work, 'first-again.zip')),
    );
  });
});
