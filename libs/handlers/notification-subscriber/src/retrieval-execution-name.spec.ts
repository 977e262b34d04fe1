import { retrievalExecutionName } from './retrieval-execution-name';

const ALLOWED = /^[A-Za-z0-9_-]{1,80}$/;

describe('retrievalExecutionName', () => {
  it('names the partner and the report, readably, with a hash of both', () => {
    expect(
      retrievalExecutionName({ sellingPartnerId: 'A3TH9S8BH6GOGM', reportId: '54517018502' }),
    ).toBe('report-A3TH9S8BH6GOGM-54517018502-0076d0fc71e7');
  });

  it('gives two partners reports of the same id different names, and one report always the same', () => {
    const first = { sellingPartnerId: 'A3TH9S8BH6GOGM', reportId: '777' };
    const second = { sellingPartnerId: 'A1PARTNERB0002', reportId: '777' };
    expect(retrievalExecutionName(first)).not.toBe(retrievalExecutionName(second));
    expect(retrievalExecutionName({ ...first })).toBe(retrievalExecutionName(first));
  });

  it('stays within 80 allowed characters however long or odd the ids', () => {
    const names = [
      { sellingPartnerId: 'amzn1.vg.6213651', reportId: 'a/b c' },
      { sellingPartnerId: 'x'.repeat(64), reportId: '9'.repeat(100) },
      { sellingPartnerId: 'A3TH9S8BH6GOGM', reportId: '9'.repeat(100) },
    ].map(retrievalExecutionName);
    for (const name of names) expect(name).toMatch(ALLOWED);
    expect(names[0]).toMatch(/^report-amzn1_vg_6213651-a_b_c-[0-9a-f]{12}$/);
    expect(names[1]).toHaveLength(80);
  });

  it('keeps ids apart that read the same once cut or cleaned', () => {
    const long = 'A'.repeat(20);
    expect(retrievalExecutionName({ sellingPartnerId: `${long}1`, reportId: '1' })).not.toBe(
      retrievalExecutionName({ sellingPartnerId: `${long}2`, reportId: '1' }),
    );
    expect(retrievalExecutionName({ sellingPartnerId: 'A1', reportId: 'a/b' })).not.toBe(
      retrievalExecutionName({ sellingPartnerId: 'A1', reportId: 'a_b' }),
    );
  });
});
