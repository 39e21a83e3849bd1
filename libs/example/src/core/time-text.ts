import { DateTime } from 'luxon';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Formats instants as local wall-clock text in one zone, fast: the zone offset is looked up once per hour
 * (luxon per line would dominate the generator's run time).
 */
export class LocalTimeFormatter {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly zone: string) {}

  /** `YYYY-MM-DDTHH:mm:ss+08:00` (with the zone's offset) or `YYYY-MM-DD HH:mm:ss` (local, no offset). */
  format(epochMs: number, withOffset: boolean): string {
    const offset = this.offsetAt(epochMs);
    const d = new Date(epochMs + offset);
    const local =
      `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` +
      `${withOffset ? 'T' : ' '}${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
    if (!withOffset) return local;
    const minutes = Math.abs(offset) / 60_000;
    return `${local}${offset < 0 ? '-' : '+'}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
  }

  /** The local hour (0-23) of an instant. */
  localHour(epochMs: number): number {
    return Math.floor(((((epochMs + this.offsetAt(epochMs)) % DAY) + DAY) % DAY) / HOUR);
  }

  private offsetAt(epochMs: number): number {
    const bucket = Math.floor(epochMs / HOUR);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = DateTime.fromMillis(bucket * HOUR, { zone: this.zone }).offset * 60_000;
      this.offsets.set(bucket, offset);
    }
    return offset;
  }
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
