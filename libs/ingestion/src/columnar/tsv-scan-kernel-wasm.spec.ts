import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// The kernel's module is assembled from its text by a script; the two must not drift apart.
describe('tsv-scan-kernel-wasm.ts', () => {
  it('is what tsv-scan-kernel.wat assembles to (npm run build:scan-kernel)', () => {
    const script = path.join(__dirname, '../../tools/build-tsv-scan-kernel.mjs');
    const assembled = execFileSync(process.execPath, [script, '--print'], { encoding: 'utf8' });
    expect(readFileSync(path.join(__dirname, 'tsv-scan-kernel-wasm.ts'), 'utf8')).toBe(assembled);
  });
});
