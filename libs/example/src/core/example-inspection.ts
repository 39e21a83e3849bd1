import {
  DomainError,
  FINDING_REASONS,
  parseInstant,
  UNSPECIFIED_PURPOSE,
  type CaptureEventType,
  type CapturePurpose,
  type DeviceProfile,
  type FindingReason,
  type FirmProfile,
  type Purpose,
} from '@app/common';
import { exampleDevices, exampleFirm } from './example-firm';
import type { ExpectedFileCounts, ExpectedInspection } from './expected-inspection';
import { Prng } from './prng';
import {
  buildScenario,
  scenarioCounts,
  SCENARIO_KINDS,
  type ScenarioConsent,
  type SubjectScenario,
} from './subject-scenarios';
import { LocalTimeFormatter } from './time-text';

export type CaptureFileFormat = 'jsonl' | 'csv';

/**
 * When the rules that depend on the law's date start (epoch ms), from @app/law's table: the example's
 * expected verdicts follow the law in force at each capture, as detection does.
 */
export interface ExampleLaw {
  /** Separate consent to biometric processing required (PIPL art. 29). */
  separateConsentFrom: number;
  /** A guardian's consent required for a child under 14 (PIPL art. 31). */
  guardianConsentFrom: number;
  /** Face recognition may not be the only way in (Face Recognition Measures art. 10). */
  faceOnlyAccessFrom: number;
  /** Before this instant no consent rule was in force (the example refuses such windows). */
  consentRequiredFrom: number;
}

export interface ExampleOptions {
  seed: number;
  law: ExampleLaw;
  /**
   * The capture window in local dates, [from, to); default 2019-04-01 to 2021-01-01 (the Ningbo sales
   * office). A window across 2021-11-01 shows a continuing act judged by two laws.
   */
  window?: { from: string; to: string };
  /** Accepted (valid, distinct) capture events; malformed and duplicate lines come on top. */
  captures: number;
  /** Identified subjects in the face library. */
  subjects: number;
  format: CaptureFileFormat;
}

/** Share of captures of faces nobody in the library matches. */
const STRANGER_SHARE = 0.3;
/** A resident passes the gate more often than a buyer visits a sales office. */
const RESIDENT_WEIGHT = 2;
const RESIDENT_SHARE = 0.25;
/** Sales-office opening hours, local time. */
const OPENS_AT = 9;
const CLOSES_AT = 19;
/** Outside opening hours captures are this many times sparser (only the gates are busy). */
const NIGHT_SLOWDOWN = 5;
const SECOND = 1000;
/** Two hex digits per byte value: number.toString(16) per word was a tenth of the run time. */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

const CAPTURE_COLUMNS = [
  'eventId',
  'deviceId',
  'occurredAt',
  'eventType',
  'subjectRef',
  'matchScore',
  'masked',
  'purpose',
  'snapshotSha256',
] as const;
const CONSENT_COLUMNS =
  'consentId,subjectRef,givenAt,purposes,method,separateConsent,guardianConsent,subjectBirthDate,withdrawnAt,expiresAt,noticeVersion';
const DEVICE_COLUMNS =
  'deviceId,siteId,siteName,siteType,faceOnlyAccess,vendor,model,declaredPurpose,timezone';

/** One capture before it is written. */
interface CaptureLine {
  eventId: string;
  deviceId: string;
  occurredAt: string;
  eventType: string;
  subjectRef: string;
  /** Hundredths, so that the text is exact (0.84, not 0.8400000000000001). */
  matchScore: number | null;
  masked: boolean | null;
  purpose: Purpose | null;
  snapshotSha256: string | null;
}

/** The ways a capture line is made unreadable; each is a rejection whatever else the line holds. */
const MALFORMED_KINDS = ['bad_json', 'unknown_device', 'bad_time', 'bad_enum', 'score_out_of_range'] as const;

interface BoundaryEvent {
  at: number;
  subject: number;
}

/**
 * A seeded example inspection folder for a Ningbo property developer, produced as text. Every expected
 * count is known by construction: each subject's scenario fixes the verdict of each of its captures.
 * Capture lines are produced lazily (`captureLines`) so that millions never sit in memory.
 */
export class ExampleInspection {
  readonly firm: FirmProfile = exampleFirm();
  readonly devices: DeviceProfile[] = exampleDevices();
  readonly subjects: SubjectScenario[] = [];
  /** Capture window [start, end): by default April 2019 to December 2020, local time. */
  readonly start: number;
  readonly end: number;

  private readonly rng: Prng;
  private readonly times: LocalTimeFormatter;
  private readonly weights: Float64Array;
  private readonly residentWeights: Float64Array;
  private readonly residents: number[] = [];
  private readonly gateDevices: DeviceProfile[];
  private readonly devicesBySite = new Map<string, DeviceProfile[]>();
  private readonly salesDevices: DeviceProfile[];
  private readonly eventSeq = new Map<string, number>();
  private readonly consentCounts: ExpectedFileCounts;
  private readonly consentText: string;
  private tally: Tally | null = null;

  constructor(readonly options: ExampleOptions) {
    if (!Number.isInteger(options.captures) || options.captures < 1) {
      throw new DomainError('EXAMPLE.BAD_OPTION', 'captures must be a positive integer', { ...options });
    }
    if (!Number.isInteger(options.subjects) || options.subjects < 1) {
      throw new DomainError('EXAMPLE.BAD_OPTION', 'subjects must be a positive integer', { ...options });
    }
    const zone = this.firm.timezone;
    const window = options.window ?? { from: '2019-04-01', to: '2021-01-01' };
    const bounds = [window.from, window.to].map((d) =>
      /^\d{4}-\d{2}-\d{2}$/.test(d) ? parseInstant(`${d}T00:00:00`, zone) : null,
    );
    if (bounds[0] === null || bounds[1] === null || bounds[0] >= bounds[1]) {
      throw new DomainError('EXAMPLE.BAD_OPTION', 'window must be two dates YYYY-MM-DD, from before to', {
        window,
      });
    }
    if (bounds[0] < options.law.consentRequiredFrom) {
      throw new DomainError('EXAMPLE.BAD_OPTION', 'window must start when a consent rule was in force', {
        window,
      });
    }
    this.start = bounds[0];
    this.end = bounds[1];
    this.rng = new Prng(options.seed);
    this.times = new LocalTimeFormatter(zone);
    for (const d of this.devices) {
      const list = this.devicesBySite.get(d.siteId) ?? [];
      list.push(d);
      this.devicesBySite.set(d.siteId, list);
    }
    this.salesDevices = this.devices.filter((d) => d.siteType === 'sales_office');
    this.gateDevices = this.devices.filter((d) => d.siteType === 'residential_entrance');

    const counts = scenarioCounts(options.subjects);
    const kinds = this.rng.shuffle(SCENARIO_KINDS.flatMap((k) => Array<typeof k>(counts[k]).fill(k)));
    const ctx = { rng: this.rng, zone, start: this.start, end: this.end, law: options.law };
    this.weights = new Float64Array(kinds.length);
    let total = 0;
    kinds.forEach((kind, i) => {
      const resident = this.rng.chance(RESIDENT_SHARE);
      const siteId = resident ? 'RE1' : this.rng.chance(0.6) ? 'SO1' : 'SO2';
      const ref = `FL${String(i + 1).padStart(6, '0')}`;
      this.subjects.push(buildScenario(kind, ref, resident ? 'resident' : 'visitor', siteId, ctx));
      total += resident ? RESIDENT_WEIGHT : 1;
      this.weights[i] = total;
      if (resident) this.residents.push(i);
    });
    this.residentWeights = Float64Array.from(this.residents, (_, i) => i + 1);
    [this.consentText, this.consentCounts] = this.buildConsents();
  }

  /** firm.json */
  firmJson(): string {
    return `${JSON.stringify(this.firm, null, 2)}\n`;
  }

  /** devices.csv */
  devicesCsv(): string {
    const rows = this.devices.map((d) =>
      [
        d.deviceId,
        d.siteId,
        d.siteName,
        d.siteType,
        d.faceOnlyAccess,
        d.vendor,
        d.model,
        d.declaredPurpose ?? '',
        d.timezone,
      ].join(','),
    );
    return `${DEVICE_COLUMNS}\n${rows.join('\n')}\n`;
  }

  /** consents.csv: one row per scenario record, plus a few rows that ingestion must reject. */
  consentsCsv(): string {
    return this.consentText;
  }

  /** The captures file name for the chosen format. */
  get capturesFileName(): string {
    return this.options.format === 'csv' ? 'captures.csv' : 'captures.jsonl';
  }

  /**
   * The captures file, line by line (each ending in a newline), in time order with malformed and
   * duplicate lines mixed in. Consuming it to the end settles `expected()`.
   */
  *captureLines(): Generator<string> {
    const tally = new Tally(this.subjects.length, this.options.law.faceOnlyAccessFrom);
    const csv = this.options.format === 'csv';
    if (csv) yield `${CAPTURE_COLUMNS.join(',')}\n`;
    const boundary = this.boundaryEvents();
    const regular = this.options.captures - boundary.length;
    const malformed = Math.max(MALFORMED_KINDS.length, Math.round(this.options.captures * 0.0005));
    const duplicates = Math.max(3, Math.round(this.options.captures * 0.001));
    const openShare = (CLOSES_AT - OPENS_AT) / 24;
    // The span the gaps must fill once night hours count 1/NIGHT_SLOWDOWN; 2 % slack keeps the last
    // capture inside the window.
    const span = (this.end - this.start) * (openShare + (1 - openShare) / NIGHT_SLOWDOWN);
    const meanGap = (span / (regular + 1)) * 0.98;
    let now = this.start;
    let b = 0;
    let m = 0;
    let d = 0;
    for (let k = 0; k < regular; k++) {
      const gap = meanGap * -Math.log(1 - this.rng.float());
      const closed = isClosed(this.times.localHour(now));
      now = Math.min(now + (closed ? gap * NIGHT_SLOWDOWN : gap), this.end - SECOND);
      const t = Math.floor(now / SECOND) * SECOND;
      while (b < boundary.length && boundary[b].at <= t) {
        const e = boundary[b++];
        yield this.render(this.identified(e.subject, e.at, true, tally), csv);
      }
      // Sales offices are open 09:00-19:00; outside those hours only the compound's gates see anyone.
      const night = isClosed(this.times.localHour(t));
      const line = this.render(
        this.rng.chance(STRANGER_SHARE) || (night && this.residents.length === 0)
          ? this.stranger(t, night, tally)
          : this.identified(
              night ? this.residents[this.pick(this.residentWeights)] : this.pick(this.weights),
              t,
              false,
              tally,
            ),
        csv,
      );
      yield line;
      while (d < duplicates && Math.floor(((d + 0.25) * regular) / duplicates) === k) {
        d++;
        tally.duplicate();
        yield line;
      }
      while (m < malformed && Math.floor(((m + 0.5) * regular) / malformed) === k) {
        yield this.malformed(MALFORMED_KINDS[m % MALFORMED_KINDS.length], m, t, csv);
        m++;
        tally.reject();
      }
    }
    while (b < boundary.length) {
      const e = boundary[b++];
      yield this.render(this.identified(e.subject, e.at, true, tally), csv);
    }
    this.tally = tally;
  }

  /** The expected audit; available once `captureLines()` has been consumed to the end. */
  expected(): ExpectedInspection {
    const tally = this.tally;
    if (tally === null) {
      throw new DomainError('EXAMPLE.NOT_GENERATED', 'consume captureLines() before asking for expected()');
    }
    const byReason = {} as Record<FindingReason, number>;
    let without = 0;
    FINDING_REASONS.forEach((r, i) => {
      byReason[r] = tally.byReason[i];
      without += tally.byReason[i];
    });
    const faceOnlySites = [
      ...new Set(
        this.devices
          .filter((x) => x.faceOnlyAccess && tally.usedDevicesUnderFaceOnlyRule.has(x.deviceId))
          .map((x) => x.siteId),
      ),
    ].sort();
    return {
      ingest: {
        captures: {
          read: tally.accepted + tally.duplicates + tally.rejected,
          accepted: tally.accepted,
          duplicates: tally.duplicates,
          rejected: tally.rejected,
        },
        consents: { ...this.consentCounts },
      },
      findings: {
        capturesAudited: tally.accepted,
        capturesWithoutValidConsent: without,
        byReason,
        affectedSubjects: tally.affectedCount,
        unidentifiedCaptures: tally.unidentified,
        siteFindings: faceOnlySites.map((siteId) => ({ siteId, rule: 'FACE_ONLY_ACCESS' as const })),
      },
    };
  }

  /** Captures on and one second before each instant where a subject's verdict changes, within a budget. */
  private boundaryEvents(): BoundaryEvent[] {
    const budget = Math.floor(this.options.captures / 10);
    const events: BoundaryEvent[] = [];
    this.subjects.forEach((s, subject) => {
      // A law's entry into force is an anchor too; it matters only when it falls inside the window.
      const anchors = s.anchors.filter((a) => a - SECOND >= this.start && a < this.end);
      if (events.length + 2 * anchors.length > budget) return;
      for (const a of anchors) events.push({ at: a - SECOND, subject }, { at: a, subject });
    });
    return events.sort((x, y) => x.at - y.at || x.subject - y.subject);
  }

  /** An index drawn with probability proportional to its weight (`w` holds running totals). */
  private pick(w: Float64Array): number {
    const target = this.rng.float() * w[w.length - 1];
    let lo = 0;
    let hi = w.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (w[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private identified(subject: number, t: number, boundary: boolean, tally: Tally): CaptureLine {
    const s = this.subjects[subject];
    const site = this.devicesBySite.get(s.siteId) ?? [];
    // Boundary captures use the site's first device, whose declared purpose residents' and visitors'
    // consents name, so the anchor (not the purpose) decides them.
    const device = boundary ? site[0] : this.rng.pick(site);
    const own = this.ownPurpose(device);
    const effective: CapturePurpose = own ?? device.declaredPurpose ?? UNSPECIFIED_PURPOSE;
    tally.capture(device.deviceId, t, subject, s.expect(t, effective));
    const first = !tally.seen(subject);
    const type: CaptureEventType = first
      ? 'enrollment'
      : this.rng.chance(0.9)
        ? 'face_match'
        : 'face_capture';
    return this.line(
      device,
      t,
      type,
      s.subjectRef,
      own,
      type === 'face_capture' ? null : 80 + this.rng.int(20),
    );
  }

  private stranger(t: number, night: boolean, tally: Tally): CaptureLine {
    const device = night
      ? this.rng.pick(this.gateDevices)
      : this.rng.chance(0.8)
        ? this.rng.pick(this.salesDevices)
        : this.rng.pick(this.devices);
    const own = this.ownPurpose(device);
    tally.capture(device.deviceId, t, -1, 'NO_CONSENT');
    const r = this.rng.float();
    const type: CaptureEventType = r < 0.6 ? 'stranger' : r < 0.8 ? 'face_match_failed' : 'face_capture';
    const score = type === 'face_capture' ? null : 10 + this.rng.int(60);
    return this.line(device, t, type, '', own, score);
  }

  /** A purpose stated on the log line itself: the ID-face terminal states one half of the time. */
  private ownPurpose(device: DeviceProfile): Purpose | null {
    if (device.declaredPurpose === null) return this.rng.chance(0.5) ? 'visitor_identification' : null;
    if (device.siteType === 'sales_office' && this.rng.chance(0.02)) return 'marketing';
    return this.rng.chance(0.03) ? device.declaredPurpose : null;
  }

  private line(
    device: DeviceProfile,
    t: number,
    eventType: CaptureEventType,
    subjectRef: string,
    purpose: Purpose | null,
    matchScore: number | null,
  ): CaptureLine {
    const seq = (this.eventSeq.get(device.deviceId) ?? 0) + 1;
    this.eventSeq.set(device.deviceId, seq);
    const r = this.rng.float();
    return {
      eventId: `E${String(seq).padStart(8, '0')}`,
      deviceId: device.deviceId,
      occurredAt: this.times.format(t, this.rng.chance(0.5)),
      eventType,
      subjectRef,
      matchScore,
      masked: r < 0.05 ? true : r < 0.15 ? false : null,
      purpose,
      snapshotSha256: this.rng.chance(0.2) ? this.sha() : null,
    };
  }

  private sha(): string {
    let hex = '';
    for (let i = 0; i < 8; i++) {
      const u = this.rng.uint32();
      hex += HEX_BYTE[u >>> 24] + HEX_BYTE[(u >>> 16) & 255] + HEX_BYTE[(u >>> 8) & 255] + HEX_BYTE[u & 255];
    }
    return hex;
  }

  private render(c: CaptureLine, csv: boolean): string {
    if (csv) {
      return `${c.eventId},${c.deviceId},${c.occurredAt},${c.eventType},${c.subjectRef},${c.matchScore === null ? '' : score(c.matchScore)},${c.masked ?? ''},${c.purpose ?? ''},${c.snapshotSha256 ?? ''}\n`;
    }
    let json = `{"eventId":"${c.eventId}","deviceId":"${c.deviceId}","occurredAt":"${c.occurredAt}","eventType":"${c.eventType}","subjectRef":"${c.subjectRef}"`;
    if (c.matchScore !== null) json += `,"matchScore":${score(c.matchScore)}`;
    if (c.masked !== null) json += `,"masked":${c.masked}`;
    if (c.purpose !== null) json += `,"purpose":"${c.purpose}"`;
    if (c.snapshotSha256 !== null) json += `,"snapshotSha256":"${c.snapshotSha256}"`;
    return `${json}}\n`;
  }

  private malformed(kind: (typeof MALFORMED_KINDS)[number], n: number, t: number, csv: boolean): string {
    const device = this.devices[0];
    const c: CaptureLine = {
      eventId: `X${String(n + 1).padStart(8, '0')}`,
      deviceId: device.deviceId,
      occurredAt: this.times.format(t, true),
      eventType: 'face_match',
      subjectRef: this.subjects[0].subjectRef,
      matchScore: 91,
      masked: null,
      purpose: null,
      snapshotSha256: null,
    };
    switch (kind) {
      case 'bad_json': {
        const whole = this.render(c, csv);
        // A line cut off mid-record: unterminated JSON, or a CSV row short of columns.
        return csv
          ? `${c.eventId},${c.deviceId},${c.occurredAt}\n`
          : `${whole.slice(0, whole.length - 12)}\n`;
      }
      case 'unknown_device':
        return this.render({ ...c, deviceId: 'SO9-CAM-99' }, csv);
      case 'bad_time':
        return this.render({ ...c, occurredAt: '2020-02-30T10:15:00+08:00' }, csv);
      case 'bad_enum':
        return this.render({ ...c, eventType: 'face_scan' }, csv);
      case 'score_out_of_range':
        return this.render({ ...c, matchScore: 137 }, csv);
    }
  }

  private buildConsents(): [string, ExpectedFileCounts] {
    const rows: string[] = [];
    let n = 0;
    const id = (): string => `C${String(++n).padStart(6, '0')}`;
    const t = (ms: number | null): string => (ms === null ? '' : this.times.format(ms, this.rng.chance(0.5)));
    const row = (
      ref: string,
      c: ScenarioConsent,
      over: { givenAt?: string; method?: string; withdrawnAt?: string } = {},
    ) =>
      [
        id(),
        ref,
        over.givenAt ?? t(c.givenAt),
        c.purposes.join(';'),
        over.method ?? c.method,
        c.separateConsent,
        c.guardianConsent ?? '',
        c.subjectBirthDate ?? '',
        over.withdrawnAt ?? t(c.withdrawnAt),
        t(c.expiresAt),
        c.noticeVersion ?? '',
      ].join(',');
    for (const s of this.subjects) for (const c of s.consents) rows.push(row(s.subjectRef, c));
    const accepted = rows.length;
    // Rows ingestion must reject, each for a subject of the `none` scenario: the expected NO_CONSENT
    // verdicts of those subjects hold only if the rows are indeed rejected.
    const none = this.subjects.filter((s) => s.kind === 'none').slice(0, 3);
    const bad = none.map((s, i) => {
      const c: ScenarioConsent = {
        givenAt: this.start - 86_400_000,
        purposes: s.population === 'resident' ? ['access_control', 'security'] : ['visitor_identification'],
        method: 'written',
        separateConsent: true,
        guardianConsent: null,
        subjectBirthDate: null,
        withdrawnAt: null,
        expiresAt: null,
        noticeVersion: null,
      };
      if (i === 0) return row(s.subjectRef, c, { method: 'oral' });
      if (i === 1) return row(s.subjectRef, c, { givenAt: '2019-13-01 10:00:00' });
      return row(s.subjectRef, c, { withdrawnAt: this.times.format(c.givenAt - 86_400_000, true) });
    });
    for (const line of bad) rows.splice(this.rng.int(rows.length + 1), 0, line);
    return [
      `${CONSENT_COLUMNS}\n${rows.map((r) => `${r}\n`).join('')}`,
      { read: rows.length, accepted, duplicates: 0, rejected: bad.length },
    ];
  }
}

/** Running counts of what was generated, by construction. */
class Tally {
  readonly byReason = new Float64Array(FINDING_REASONS.length);
  /** Devices that captured while face-only access was forbidden (the site rule's evidence). */
  readonly usedDevicesUnderFaceOnlyRule = new Set<string>();
  private readonly affected: Uint8Array;
  private readonly enrolled: Uint8Array;
  affectedCount = 0;
  accepted = 0;
  duplicates = 0;
  rejected = 0;
  unidentified = 0;

  constructor(
    subjects: number,
    private readonly faceOnlyAccessFrom: number,
  ) {
    this.affected = new Uint8Array(subjects);
    this.enrolled = new Uint8Array(subjects);
  }

  /** One accepted capture; subject -1 for a stranger. */
  capture(deviceId: string, t: number, subject: number, reason: FindingReason | null): void {
    this.accepted++;
    if (t >= this.faceOnlyAccessFrom) this.usedDevicesUnderFaceOnlyRule.add(deviceId);
    if (subject < 0) this.unidentified++;
    if (reason === null) return;
    this.byReason[FINDING_REASONS.indexOf(reason)]++;
    if (subject >= 0 && this.affected[subject] === 0) {
      this.affected[subject] = 1;
      this.affectedCount++;
    }
  }

  /** True when the subject had been captured before; marks it captured. */
  seen(subject: number): boolean {
    const was = this.enrolled[subject] === 1;
    this.enrolled[subject] = 1;
    return was;
  }

  duplicate(): void {
    this.duplicates++;
  }

  reject(): void {
    this.rejected++;
  }
}

function isClosed(localHour: number): boolean {
  return localHour < OPENS_AT || localHour >= CLOSES_AT;
}

/** Hundredths as a decimal literal: 84 -> 0.84, 137 -> 1.37. */
function score(hundredths: number): string {
  return (hundredths / 100).toFixed(2);
}
