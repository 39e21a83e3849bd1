/** One JSON value cut out of a stream: its text, the line it starts on, and whether it is whole. */
export interface ScannedRecord {
  line: number;
  text: string;
  /** Longer than the limit: `text` is only its head. */
  oversized: boolean;
  /** The input ended inside it. */
  truncated: boolean;
}

/**
 * Where records sit in the stream:
 * - `top-level`: each top-level value is a record (concatenated or pretty-printed documents, JSONL), and so
 *   is each element of a top-level array;
 * - `hikvision-search`: each element of `AcsEvent.InfoList` of each top-level document (paged results saved
 *   one after another).
 */
export type JsonRecordLayout = 'top-level' | 'hikvision-search';

interface Container {
  array: boolean;
  key: string | null;
}

const MAX_KEY_CHARS = 64;
const HEAD_CHARS = 1024;

/**
 * Cuts records out of JSON text fed in chunks, tracking only structure (strings, nesting, object keys
 * outside records); each record's text is then parsed on its own with JSON.parse, so a broken record costs
 * one rejection and reading goes on. Memory is bounded by `maxChars` per record, whatever the document size.
 * Written here rather than taken from stream-json, whose current major is ESM-only (this repo runs as
 * CommonJS under Jest) and reports no line numbers.
 */
export class JsonRecordScanner {
  private line = 1;
  private readonly stack: Container[] = [];
  private outString = false;
  private outEscaped = false;
  private keyText: string | null = null;
  private lastString: string | null = null;
  private pendingKey: string | null = null;

  private capturing = false;
  private kind: 'container' | 'string' | 'scalar' = 'container';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private startLine = 0;
  private parts: string[] = [];
  private size = 0;
  private oversized = false;
  private segStart = 0;

  constructor(
    private readonly layout: JsonRecordLayout,
    private readonly maxChars: number,
  ) {}

  /** Feeds the next chunk of text; returns the records completed in it. */
  push(chunk: string): ScannedRecord[] {
    const out: ScannedRecord[] = [];
    this.segStart = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.capturing && this.stepInRecord(c, chunk, i, out)) {
        if (c === 10) this.line++;
        continue;
      }
      this.stepOutside(c, i);
      if (c === 10) this.line++;
    }
    if (this.capturing) this.append(chunk.slice(this.segStart));
    return out;
  }

  /** Ends the input: a record still open is returned as truncated (a bare number at the end is complete). */
  end(): ScannedRecord[] {
    if (!this.capturing) return [];
    const whole = this.kind === 'scalar';
    const record = this.take('', whole ? false : true);
    return [record];
  }

  private stepInRecord(c: number, chunk: string, i: number, out: ScannedRecord[]): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === 92) this.escaped = true;
      else if (c === 34) {
        this.inString = false;
        if (this.kind === 'string') out.push(this.finish(chunk, i + 1));
      }
      return true;
    }
    if (this.kind === 'scalar') {
      if (c === 44 || c === 93 || c === 125 || c === 10 || c === 13 || c === 32 || c === 9) {
        out.push(this.finish(chunk, i));
        return false;
      }
      return true;
    }
    if (c === 34) this.inString = true;
    else if (c === 123 || c === 91) this.depth++;
    else if (c === 125 || c === 93) {
      this.depth--;
      if (this.depth === 0) out.push(this.finish(chunk, i + 1));
    }
    return true;
  }

  private stepOutside(c: number, i: number): void {
    if (this.outString) {
      if (this.outEscaped) this.outEscaped = false;
      else if (c === 92) this.outEscaped = true;
      else if (c === 34) {
        this.outString = false;
        this.lastString = this.keyText;
      } else if (this.keyText !== null) {
        this.keyText = this.keyText.length < MAX_KEY_CHARS ? this.keyText + String.fromCharCode(c) : null;
      }
      return;
    }
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) return;
    if (c !== 125 && c !== 93 && c !== 44 && this.atRecordPosition(c)) {
      this.start(c, i);
      return;
    }
    switch (c) {
      case 34:
        this.outString = true;
        this.keyText = '';
        break;
      case 58:
        this.pendingKey = this.lastString;
        break;
      case 44:
        this.pendingKey = null;
        break;
      case 123:
      case 91:
        this.stack.push({ array: c === 91, key: this.pendingKey });
        this.pendingKey = null;
        break;
      case 125:
      case 93:
        this.stack.pop();
        break;
      default:
        break;
    }
  }

  private atRecordPosition(c: number): boolean {
    const s = this.stack;
    if (this.layout === 'top-level') {
      return (s.length === 0 && c !== 91) || (s.length === 1 && s[0].array);
    }
    return s.length === 3 && s[1].key === 'AcsEvent' && !s[1].array && s[2].array && s[2].key === 'InfoList';
  }

  private start(c: number, i: number): void {
    this.capturing = true;
    this.startLine = this.line;
    this.parts = [];
    this.size = 0;
    this.oversized = false;
    this.segStart = i;
    this.inString = false;
    this.escaped = false;
    if (c === 123 || c === 91) {
      this.kind = 'container';
      this.depth = 1;
    } else if (c === 34) {
      this.kind = 'string';
      this.inString = true;
    } else {
      this.kind = 'scalar';
    }
  }

  private append(text: string): void {
    if (this.oversized) return;
    this.size += text.length;
    if (this.size > this.maxChars) {
      this.oversized = true;
      this.parts = [(this.parts.join('') + text).slice(0, HEAD_CHARS)];
    } else {
      this.parts.push(text);
    }
  }

  private finish(chunk: string, end: number): ScannedRecord {
    this.append(chunk.slice(this.segStart, end));
    return this.take('', false);
  }

  private take(tail: string, truncated: boolean): ScannedRecord {
    const text = this.parts.join('') + tail;
    this.capturing = false;
    this.parts = [];
    this.inString = false;
    return { line: this.startLine, text, oversized: this.oversized, truncated };
  }
}
