import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../scripts/terraform.mjs');

describe('infra plan and apply without terraform', () => {
  it.each(['plan', 'apply'])('%s fails and says what to install', (command) => {
    const result = spawnSync(process.execPath, [script, command], {
      encoding: 'utf8',
      // An empty directory as PATH: no terraform anywhere.
      env: { PATH: mkdtempSync(path.join(tmpdir(), 'no-terraform-')) },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('terraform is not installed');
    expect(result.stderr).toContain(
      'Install Terraform >= 1.10: https://developer.hashicorp.com/terraform/install',
    );
    expect(result.stderr).toContain(`npx nx run infra:${command}`);
  });

  it('refuses an unknown command', () => {
    const result = spawnSync(process.execPath, [script, 'destroy'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
  });
});
