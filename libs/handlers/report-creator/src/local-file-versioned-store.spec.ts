import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StateStoreRequestError } from './errors';
import { localReportCreatorStores } from './local-report-creator-stores';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'report-creator-stores-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('LocalFileVersionedStore', () => {
  it('creates, versions and conditionally replaces records like DynamoDB', async () => {
    const { lanes } = localReportCreatorStores(directory);
    await expect(lanes.get('lane-a')).resolves.toBeUndefined();
    await expect(
      lanes.put('lane-a', { watermark: '2026-10-31T00:00:00Z' }, undefined),
    ).resolves.toBe(true);
    await expect(lanes.put('lane-a', {}, undefined)).resolves.toBe(false);
    await expect(lanes.put('lane-a', { watermark: '2026-11-01T00:00:00Z' }, 1)).resolves.toBe(true);
    await expect(lanes.put('lane-a', {}, 1)).resolves.toBe(false);
    await expect(lanes.get('lane-a')).resolves.toEqual({
      value: { watermark: '2026-11-01T00:00:00Z' },
      version: 2,
    });
  });

  it('reads many records and leaves absent keys out', async () => {
    const { lanes } = localReportCreatorStores(directory);
    await lanes.put('lane-a', { watermark: '2026-10-31T00:00:00Z' }, undefined);
    const found = await lanes.getMany(['lane-a', 'lane-b']);
    expect([...found.entries()]).toEqual([['lane-a', { watermark: '2026-10-31T00:00:00Z' }]]);
  });

  it('lets exactly one of two racing writers of the same version win', async () => {
    const { lanes } = localReportCreatorStores(directory);
    const results = await Promise.all([
      lanes.put('lane-a', { watermark: '2026-10-31T00:00:00Z' }, undefined),
      lanes.put('lane-a', { watermark: '2026-11-01T00:00:00Z' }, undefined),
    ]);
    expect(results.sort()).toEqual([false, true]);
  });

  it('writes through a temporary file renamed over the document, with the expiry', async () => {
    const { requests } = localReportCreatorStores(directory);
    const slot = { requests: { k: { requestedAt: '2026-11-01T00:00:00.000Z' } } };
    await requests.put('slot', slot, undefined, { expiresAt: 1_800_000_000_000 });
    expect(await readdir(directory)).toEqual(['report-requests.json']);
    expect(
      JSON.parse(await readFile(path.join(directory, 'report-requests.json'), 'utf8')),
    ).toEqual({
      slot: { version: 1, record: slot, expiresAt: 1_800_000_000_000 },
    });
  });

  it('refuses a file it cannot read', async () => {
    await writeFile(
      path.join(directory, 'lane-states.json'),
      '{"lane-a":{"version":1,"record":{"watermark":3}}}',
    );
    const { lanes } = localReportCreatorStores(directory);
    await expect(lanes.get('lane-a')).rejects.toBeInstanceOf(StateStoreRequestError);
  });
});
