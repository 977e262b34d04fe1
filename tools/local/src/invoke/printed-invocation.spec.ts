import { parsePrintedInvocation } from './printed-invocation';

describe('parsePrintedInvocation', () => {
  it('reads the header, the log entries and the result among the lines around them', () => {
    const output = [
      '> nx run report-creator:invoke --event=apps/report-creator/events/e.json',
      '',
      '== report-creator.createReport <- apps/report-creator/events/e.json',
      '== logs (2)',
      '{"level":"INFO","message":"one"}',
      '{"level":"WARN","message":"two"}',
      '== result',
      '{',
      '  "reportId": "5",',
      '  "nested": {',
      '    "a": [1]',
      '  }',
      '}',
      '',
      ' NX   Successfully ran target invoke for project report-creator',
    ].join('\n');
    expect(parsePrintedInvocation(output)).toEqual({
      app: 'report-creator',
      handler: 'createReport',
      event: 'apps/report-creator/events/e.json',
      ok: true,
      result: { reportId: '5', nested: { a: [1] } },
      logs: [
        { level: 'INFO', message: 'one' },
        { level: 'WARN', message: 'two' },
      ],
    });
  });

  it('tells an error from a result, and nothing printed from either', () => {
    const error = '== a.b <- e.json\n== logs (0)\n== error\n{\n  "errorType": "X"\n}\n';
    expect(parsePrintedInvocation(error)).toMatchObject({ ok: false, result: { errorType: 'X' } });
    expect(parsePrintedInvocation('cannot tell which handler')).toBeUndefined();
    expect(parsePrintedInvocation('== a.b <- e.json\n== logs (0)\n')).toBeUndefined();
  });
});
