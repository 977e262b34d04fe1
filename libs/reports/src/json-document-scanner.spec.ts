import { MalformedReportDocumentError } from './errors';
import { JsonDocumentScanner } from './json-document-scanner';
import { seededRandom } from './test/seeded-random';

type Event = readonly [string, ...unknown[]];

function scan(text: string, cut: (length: number) => number[], wants = (_: string) => true) {
  const events: Event[] = [];
  const scanner = new JsonDocumentScanner({
    wants,
    arrayStart: (key) => events.push(['array', key]),
    element: (key, index, value) => events.push(['element', key, index, value]),
    value: (key, value) => events.push(['value', key, value]),
    skipped: (key, elements) => events.push(['skipped', key, elements]),
  });
  let from = 0;
  for (const to of [...cut(text.length), text.length]) {
    scanner.write(text.slice(from, to));
    from = to;
  }
  scanner.end();
  return events;
}

// What the scanner must report, from the parsed document.
function expectedEvents(
  document: Record<string, unknown>,
  wants: (key: string) => boolean = () => true,
): Event[] {
  return Object.entries(document).flatMap(([key, value]): Event[] => {
    if (!Array.isArray(value)) {
      return [wants(key) ? ['value', key, value] : ['skipped', key, undefined]];
    }
    const inside: Event[] = wants(key)
      ? value.map((element, index): Event => ['element', key, index, element])
      : [['skipped', key, value.length]];
    return [['array', key], ...inside];
  });
}

const texts = [
  '',
  'a',
  'ä€😀',
  'quote " and \\ backslash',
  '{[,:]}',
  'line\nbreak\ttab',
  '\u0000\u001f',
];

function randomValue(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 2 ? 5 : 7));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return Math.round((next() - 0.5) * 1e6) / 100;
    case 3:
    case 4:
      return texts[Math.floor(next() * texts.length)];
    case 5:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 4) }, (_, index) => [
          `${texts[Math.floor(next() * texts.length)]}${index}`,
          randomValue(next, depth + 1),
        ]),
      );
  }
}

function randomDocument(next: () => number): Record<string, unknown> {
  return Object.fromEntries(
    Array.from({ length: 1 + Math.floor(next() * 4) }, (_, index) => [
      `key ${texts[Math.floor(next() * texts.length)]}${index}`,
      next() < 0.5
        ? Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, 1))
        : randomValue(next, 1),
    ]),
  );
}

const randomCuts = (next: () => number) => (length: number) =>
  Array.from({ length: Math.floor(next() * 12) }, () => Math.floor(next() * length)).sort(
    (a, b) => a - b,
  );

function failureOf(run: () => unknown): Error | undefined {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

describe('JsonDocumentScanner', () => {
  it('reports what JSON.parse finds, however the text is cut', () => {
    const next = seededRandom(20_261_127);
    for (let round = 0; round < 300; round++) {
      const document = randomDocument(next);
      const spaced = next() < 0.5;
      const text = JSON.stringify(document, null, spaced ? 2 : undefined);
      expect(scan(text, randomCuts(next))).toEqual(expectedEvents(document));
    }
  });

  it('counts the elements of the arrays it skips, however the text is cut', () => {
    const next = seededRandom(20_261_128);
    for (let round = 0; round < 300; round++) {
      const document = randomDocument(next);
      const wanted = new Set(Object.keys(document).filter(() => next() < 0.5));
      const wants = (key: string) => wanted.has(key);
      const text = JSON.stringify(document, null, next() < 0.5 ? 2 : undefined);
      expect(scan(text, randomCuts(next), wants)).toEqual(expectedEvents(document, wants));
    }
  });

  it('reads one character at a time', () => {
    const document = { reportSpecification: { reportOptions: { a: 'b' } }, rows: [1, 'x', {}, []] };
    const text = JSON.stringify(document);
    const everyCharacter = (length: number) => Array.from({ length }, (_, index) => index);
    expect(scan(text, everyCharacter)).toEqual(expectedEvents(document));
  });

  it('skips unwanted values and the elements of unwanted arrays without handing them on', () => {
    const text = '{"skip":{"deep":[1,2,{"x":"]}"}]},"rows":[{"a":1}],"other":[[1],[2]],"n":7}';
    expect(
      scan(
        text,
        () => [],
        (key) => key === 'rows',
      ),
    ).toEqual([
      ['skipped', 'skip', undefined],
      ['array', 'rows'],
      ['element', 'rows', 0, { a: 1 }],
      ['array', 'other'],
      ['skipped', 'other', 2],
      ['skipped', 'n', undefined],
    ]);
  });

  it('refuses every cut-short document', () => {
    const text = JSON.stringify({ spec: { a: [1, 'two'] }, rows: [{ a: 'x' }, 3, true] });
    for (let length = 0; length < text.length; length++) {
      const failure = failureOf(() => scan(text.slice(0, length), () => []));
      expect(failure).toBeInstanceOf(MalformedReportDocumentError);
    }
  });

  it.each([
    ['a trailing comma in an array', '{"rows":[1,]}'],
    ['a trailing comma in the object', '{"rows":[1],}'],
    ['a missing colon', '{"rows" [1]}'],
    ['a missing comma', '{"rows":[{"a":1} {"a":2}]}'],
    ['a broken element', '{"rows":[{"a":"buyer@example.com" "b"}]}'],
    ['a broken value', '{"spec":{"email":"buyer@example.com",}}'],
    ['text after the document', '{"rows":[]} {"buyer":"buyer@example.com"}'],
    ['an unquoted key', '{rows:[]}'],
  ])('refuses %s without quoting the document', (_, text) => {
    const failure = failureOf(() => scan(text, () => []));
    expect(failure).toBeInstanceOf(MalformedReportDocumentError);
    expect(failure?.message).toMatch(/^the document is not valid JSON: /);
    expect(failure?.message).not.toContain('buyer');
  });

  it('skips a document that is not an object, so its arrays are found missing', () => {
    for (const text of ['[{"rows":[]}]', '"rows"', '42', 'null']) {
      expect(scan(text, () => [])).toEqual([]);
    }
  });
});
