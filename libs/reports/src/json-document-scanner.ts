import { MalformedReportDocumentError } from './errors';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What the scanner hands on while it reads a document's top-level object. */
export interface JsonDocumentHandler {
  /** Whether the value (or the elements) of top-level `key` are wanted; others are skipped. */
  wants(key: string): boolean;
  /** A top-level key holds an array (an empty one too); its elements follow if wanted. */
  arrayStart(key: string): void;
  /** An element of the wanted top-level array `key`; `index` counts from 0. */
  element(key: string, index: number, value: Json): void;
  /** A wanted top-level key holding anything but an array. */
  value(key: string, value: Json): void;
  /**
   * An unwanted top-level key, once its value has been skipped: `elements` counts the elements of
   * an array (none of which was buffered), and is undefined for any other value.
   */
  skipped(key: string, elements: number | undefined): void;
}

const State = {
  BeforeDocument: 0,
  KeyOrEnd: 1,
  Key: 2,
  Colon: 3,
  Value: 4,
  AfterValue: 5,
  ElementOrEnd: 6,
  Element: 7,
  AfterElement: 8,
  AfterDocument: 9,
} as const;
type State = (typeof State)[keyof typeof State];

const Capture = { None: 0, Key: 1, Value: 2, Element: 3, Skip: 4 } as const;
type Capture = (typeof Capture)[keyof typeof Capture];

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

const isWhitespace = (code: number) => code === 32 || code === 10 || code === 13 || code === 9;
const endsScalar = (code: number) =>
  isWhitespace(code) || code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET;

/**
 * Reads a JSON report document as text chunks, without a token per value: the top-level object's
 * keys and the elements of its arrays are found by a scan that only follows strings and brackets,
 * and each value is handed to the native `JSON.parse` whole, which also checks it. So a
 * multi-gigabyte document streams element by element at close to `JSON.parse` speed. Errors never
 * quote the document: it may hold a buyer's data.
 */
export class JsonDocumentScanner {
  private state: State = State.BeforeDocument;
  private capture: Capture = Capture.None;
  /** Nesting of the value being captured (0: a string or scalar). */
  private nesting = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private pieces: string[] = [];
  private key = '';
  /** Whether the elements of the array being read are wanted. */
  private wanted = false;
  private index = 0;
  /** Whether the value being skipped is the document itself (not an object). */
  private skippingDocument = false;
  private offset = 0;

  constructor(private readonly handler: JsonDocumentHandler) {}

  write(chunk: string): void {
    let at = 0;
    const length = chunk.length;
    let captureFrom = 0;
    for (;;) {
      // A value begun on this chunk's last character is captured from there too.
      if (this.capture !== Capture.None) {
        const end = this.valueEnd(chunk, at);
        if (end === -1) {
          if (this.capture !== Capture.Skip) this.pieces.push(chunk.slice(captureFrom));
          break;
        }
        this.finishValue(this.takeText(chunk, captureFrom, end));
        at = end;
        continue;
      }
      if (at >= length) break;
      const code = chunk.charCodeAt(at);
      if (isWhitespace(code)) {
        at++;
        continue;
      }
      captureFrom = at;
      at = this.structural(code, at);
    }
    this.offset += length;
  }

  /** The document is complete: anything but a closed top-level value is an error. */
  end(): void {
    // A document that is a bare number or literal ends with its last character.
    if (this.capture === Capture.Skip && this.scalar && this.state === State.BeforeDocument) {
      this.finishValue('');
    }
    if (this.state !== State.AfterDocument) {
      throw malformed('the document ends before its top-level value is complete');
    }
  }

  // One structural character outside any captured value; returns where scanning goes on.
  private structural(code: number, at: number): number {
    switch (this.state) {
      case State.BeforeDocument:
        if (code === OPEN_BRACE) {
          this.state = State.KeyOrEnd;
          return at + 1;
        }
        // Not an object: skipped, so the document is found to have none of its arrays.
        this.skippingDocument = true;
        this.beginValue(Capture.Skip, code);
        return this.scalar ? at : at + 1;
      case State.KeyOrEnd:
      case State.Key:
        if (code === QUOTE) {
          this.beginValue(Capture.Key, code);
          return at + 1;
        }
        if (code === CLOSE_BRACE && this.state === State.KeyOrEnd) {
          this.state = State.AfterDocument;
          return at + 1;
        }
        throw this.unexpected(at, 'a key');
      case State.Colon:
        if (code !== COLON) throw this.unexpected(at, 'a colon');
        this.state = State.Value;
        return at + 1;
      case State.Value:
        if (code === OPEN_BRACKET) {
          this.handler.arrayStart(this.key);
          this.wanted = this.handler.wants(this.key);
          this.index = 0;
          this.state = State.ElementOrEnd;
          return at + 1;
        }
        this.beginValue(this.handler.wants(this.key) ? Capture.Value : Capture.Skip, code);
        return this.scalar ? at : at + 1;
      case State.AfterValue:
        if (code === COMMA) this.state = State.Key;
        else if (code === CLOSE_BRACE) this.state = State.AfterDocument;
        else throw this.unexpected(at, 'a comma or the end of the object');
        return at + 1;
      case State.ElementOrEnd:
      case State.Element:
        if (code === CLOSE_BRACKET && this.state === State.ElementOrEnd) {
          this.endArray();
          return at + 1;
        }
        this.beginValue(this.wanted ? Capture.Element : Capture.Skip, code);
        return this.scalar ? at : at + 1;
      case State.AfterElement:
        if (code === COMMA) this.state = State.Element;
        else if (code === CLOSE_BRACKET) this.endArray();
        else throw this.unexpected(at, 'a comma or the end of the array');
        return at + 1;
      case State.AfterDocument:
        throw this.unexpected(at, 'nothing after the top-level value');
    }
  }

  private endArray(): void {
    this.state = State.AfterValue;
    if (!this.wanted) this.handler.skipped(this.key, this.index);
  }

  private beginValue(capture: Capture, code: number): void {
    this.capture = capture;
    this.pieces = [];
    this.inString = code === QUOTE;
    this.escaped = false;
    this.nesting = code === OPEN_BRACE || code === OPEN_BRACKET ? 1 : 0;
    this.scalar = !this.inString && this.nesting === 0;
    if (this.scalar && (code === CLOSE_BRACE || code === CLOSE_BRACKET || code === COMMA)) {
      throw malformed(`the document is not valid JSON: unexpected character at ${this.offset}`);
    }
  }

  // Where the value being captured ends (exclusive) in `chunk` from `at`, or -1 past the chunk.
  private valueEnd(chunk: string, at: number): number {
    const length = chunk.length;
    if (this.scalar) {
      for (let i = at; i < length; i++) if (endsScalar(chunk.charCodeAt(i))) return i;
      return -1;
    }
    let { nesting, inString, escaped } = this;
    let i = at;
    for (; i < length; i++) {
      const code = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (code === BACKSLASH) escaped = true;
        else if (code === QUOTE) {
          inString = false;
          if (nesting === 0) break;
        }
      } else if (code === QUOTE) inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) nesting++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        nesting--;
        if (nesting === 0) break;
      }
    }
    this.nesting = nesting;
    this.inString = inString;
    this.escaped = escaped;
    return i < length ? i + 1 : -1;
  }

  private takeText(chunk: string, from: number, end: number): string {
    if (this.capture === Capture.Skip) return '';
    const tail = chunk.slice(from, end);
    if (this.pieces.length === 0) return tail;
    this.pieces.push(tail);
    const text = this.pieces.join('');
    this.pieces = [];
    return text;
  }

  private finishValue(text: string): void {
    const capture = this.capture;
    this.capture = Capture.None;
    if (capture === Capture.Skip) {
      if (this.skippingDocument) this.state = State.AfterDocument;
      else if (this.state === State.Value) {
        this.state = State.AfterValue;
        this.handler.skipped(this.key, undefined);
      } else {
        this.index++;
        this.state = State.AfterElement;
      }
      return;
    }
    const value = parsed(text, () => this.describe(capture));
    switch (capture) {
      case Capture.Key:
        this.key = value as string;
        this.state = State.Colon;
        return;
      case Capture.Value:
        this.handler.value(this.key, value);
        this.state = State.AfterValue;
        return;
      default:
        this.handler.element(this.key, this.index++, value);
        this.state = State.AfterElement;
    }
  }

  private describe(capture: Capture): string {
    switch (capture) {
      case Capture.Key:
        return 'a top-level key';
      case Capture.Value:
        return `the value of ${this.key}`;
      default:
        return `element ${this.index + 1} of ${this.key}`;
    }
  }

  private unexpected(at: number, expected: string): MalformedReportDocumentError {
    return malformed(
      `the document is not valid JSON: expected ${expected} at character ${this.offset + at}`,
    );
  }
}

function parsed(text: string, what: () => string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    // Not the SyntaxError's message: it quotes the text, which may hold a buyer's data.
    throw malformed(`the document is not valid JSON: ${what()} is not valid JSON`);
  }
}

const malformed = (message: string) => new MalformedReportDocumentError(message);
