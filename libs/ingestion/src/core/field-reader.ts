import type { QuarantineReason, Rejection } from './quarantine-reasons';

/** A record's fields by name, as they come out of a JSON object or a CSV row (strings). */
export type RawFieldMap = Readonly<Record<string, unknown>>;

/** Reads a time: epoch ms, null when not ISO 8601, or a reason a valid ISO 8601 time is refused. */
export type TimeParser = (text: string) => number | { code: QuarantineReason; message: string } | null;

/** The outcome of validating one record. */
export type Validation<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads typed fields out of a raw field map, remembering the first problem. Validators read every field in
 * a fixed order and check `failed` once at the end, which keeps the hot path free of exceptions and makes
 * the reported field deterministic (the first bad one in documented order). After a failure, readers
 * return placeholders that are never used. With `collectAll` every problem is kept (firm.json, where the
 * user should see them all at once).
 */
export class FieldReader {
  readonly problems: Rejection[] = [];

  constructor(
    private readonly raw: RawFieldMap,
    private readonly collectAll = false,
  ) {}

  get failed(): boolean {
    return this.problems.length > 0;
  }

  get firstProblem(): Rejection {
    return this.problems[0];
  }

  reject(code: QuarantineReason, field: string | null, message: string): void {
    if (this.collectAll || this.problems.length === 0) this.problems.push({ code, field, message });
  }

  private get skipping(): boolean {
    return !this.collectAll && this.problems.length > 0;
  }

  /** Trimmed text, or null when absent, null or empty. Numbers are accepted as their decimal text. */
  optionalText(field: string): string | null {
    if (this.skipping) return null;
    const v = this.raw[field];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') {
      const t = v.trim();
      return t === '' ? null : t;
    }
    // Vendors export numeric ids as JSON numbers; their decimal text is the same id.
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    this.reject('INGEST.BAD_VALUE', field, `${field} must be text, got ${describe(v)}`);
    return null;
  }

  requiredText(field: string): string {
    if (this.skipping) return '';
    const before = this.problems.length;
    const t = this.optionalText(field);
    if (t === null && this.problems.length === before) this.missing(field);
    return t ?? '';
  }

  optionalEnum<T extends string>(field: string, values: readonly T[]): T | null {
    const t = this.optionalText(field);
    if (t === null) return null;
    if (!(values as readonly string[]).includes(t)) {
      this.reject('INGEST.BAD_ENUM', field, `${field} must be one of ${values.join('|')}, got "${clip(t)}"`);
      return null;
    }
    return t as T;
  }

  requiredEnum<T extends string>(field: string, values: readonly T[]): T {
    if (this.skipping) return values[0];
    const before = this.problems.length;
    const v = this.optionalEnum(field, values);
    if (v === null && this.problems.length === before) this.missing(field);
    return v ?? values[0];
  }

  /** true/false as JSON booleans or as text (case-insensitive). */
  optionalBoolean(field: string): boolean | null {
    if (this.skipping) return null;
    const v = this.raw[field];
    if (v === undefined || v === null) return null;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const t = v.trim().toLowerCase();
      if (t === '') return null;
      if (t === 'true') return true;
      if (t === 'false') return false;
    }
    this.reject('INGEST.BAD_VALUE', field, `${field} must be true or false, got ${describe(v)}`);
    return null;
  }

  requiredBoolean(field: string): boolean {
    if (this.skipping) return false;
    const before = this.problems.length;
    const v = this.optionalBoolean(field);
    if (v === null && this.problems.length === before) this.missing(field);
    return v ?? false;
  }

  /** A finite number (JSON number or decimal text) within [min, max]. */
  optionalNumber(field: string, min: number, max: number): number | null {
    if (this.skipping) return null;
    const v = this.raw[field];
    if (v === undefined || v === null) return null;
    let n: number;
    if (typeof v === 'number') {
      n = v;
    } else if (typeof v === 'string') {
      const t = v.trim();
      if (t === '') return null;
      n = NUMBER.test(t) ? Number(t) : Number.NaN;
    } else {
      n = Number.NaN;
    }
    if (!Number.isFinite(n)) {
      this.reject('INGEST.BAD_VALUE', field, `${field} must be a number, got ${describe(v)}`);
      return null;
    }
    if (n < min || n > max) {
      this.reject('INGEST.OUT_OF_RANGE', field, `${field} must be between ${min} and ${max}, got ${n}`);
      return null;
    }
    return n;
  }

  /**
   * An ISO 8601 instant (epoch ms), read by `parse` (which applies the zone for times without offset). A
   * parser may refuse a valid ISO 8601 time with its own reason (time-sanity.ts: a placeholder year, a
   * local time that does not exist, a time outside the plausible window).
   */
  optionalTime(field: string, parse: TimeParser): number | null {
    const t = this.optionalText(field);
    if (t === null) return null;
    const ms = parse(t);
    if (ms === null) {
      this.reject('INGEST.BAD_TIME', field, `${field} is not a valid ISO 8601 time: "${clip(t)}"`);
      return null;
    }
    if (typeof ms !== 'number') {
      this.reject(ms.code, field, ms.message);
      return null;
    }
    return ms;
  }

  requiredTime(field: string, parse: TimeParser): number {
    if (this.skipping) return 0;
    const before = this.problems.length;
    const v = this.optionalTime(field, parse);
    if (v === null && this.problems.length === before) this.missing(field);
    return v ?? 0;
  }

  private missing(field: string): void {
    this.reject('INGEST.MISSING_FIELD', field, `${field} is required`);
  }
}

/** Shortens user text quoted in messages, so one silly line cannot bloat the quarantine. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `"${clip(v)}"`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v;
}
