import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CAPTURE_EVENT_TYPES,
  CONSENT_METHODS,
  isValidCreditCode,
  parseInstant,
  parseIsoDate,
  PURPOSES,
  type CaptureEventType,
  type ConsentMethod,
  type DeviceProfile,
  type FirmProfile,
  type Purpose,
  type SiteType,
} from '@app/common';
import {
  ConsentIndex,
  FindingAccumulator,
  resolvePurpose,
  siteFindings,
  type CoverageCapture,
  type CoverageConsent,
} from '@app/detection';
import type { ExpectedInspection } from './core/expected-inspection';
import { generateInspection, type GenerateInspectionOptions } from './generate-inspection';
import { consentLawSchedule } from '@app/law';

/**
 * A deliberately tiny reader of the canonical folder (the ingestion lib is separate): enough validation
 * to reject exactly the malformed lines the generator plants, and nothing the detection core needs.
 */
interface ReadFolder {
  firm: FirmProfile;
  devices: DeviceProfile[];
  consents: CoverageConsent[];
  captures: CoverageCapture[];
  counts: ExpectedInspection['ingest'];
}

const isOneOf = <T extends string>(xs: readonly T[], v: unknown): v is T => xs.includes(v as T);

async function readFolder(dir: string, format: 'jsonl' | 'csv'): Promise<ReadFolder> {
  const firm = JSON.parse(await readFile(join(dir, 'firm.json'), 'utf8')) as FirmProfile;
  const [, ...deviceRows] = (await readFile(join(dir, 'devices.csv'), 'utf8')).trimEnd().split('\n');
  const devices: DeviceProfile[] = deviceRows.map((r) => {
    const [deviceId, siteId, siteName, siteType, faceOnly, vendor, model, declared, timezone] = r.split(',');
    return {
      deviceId,
      siteId,
      siteName,
      siteType: siteType as SiteType,
      faceOnlyAccess: faceOnly === 'true',
      vendor,
      model,
      declaredPurpose: declared === '' ? null : (declared as Purpose),
      timezone,
    };
  });
  const byId = new Map(devices.map((d) => [d.deviceId, d]));

  const consents: CoverageConsent[] = [];
  const consentCounts = { read: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const [, ...consentRows] = (await readFile(join(dir, 'consents.csv'), 'utf8')).trimEnd().split('\n');
  const time = (s: string): number | null => (s === '' ? null : parseInstant(s, firm.timezone));
  for (const r of consentRows) {
    consentCounts.read++;
    const f = r.split(',');
    const [, subjectRef, given, purposes, method, separate, guardian, birth, withdrawn, expires] = f;
    const givenAt = time(given);
    const withdrawnAt = time(withdrawn);
    const expiresAt = time(expires);
    const ok =
      f.length === 11 &&
      givenAt !== null &&
      (withdrawn === '' || (withdrawnAt !== null && withdrawnAt >= givenAt)) &&
      (expires === '' || (expiresAt !== null && expiresAt >= givenAt)) &&
      isOneOf<ConsentMethod>(CONSENT_METHODS, method) &&
      purposes.split(';').every((p) => isOneOf(PURPOSES, p)) &&
      (birth === '' || parseIsoDate(birth) !== null);
    if (!ok) {
      consentCounts.rejected++;
      continue;
    }
    consentCounts.accepted++;
    consents.push({
      id: consentCounts.read,
      subjectRef,
      givenAt,
      purposes: purposes.split(';') as Purpose[],
      method: method,
      separateConsent: separate === 'true',
      guardianConsent: guardian === 'true',
      subjectBirthDate: birth === '' ? null : birth,
      withdrawnAt,
      expiresAt,
    });
  }

  const captures: CoverageCapture[] = [];
  const captureCounts = { read: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const seen = new Set<string>();
  const text = await readFile(join(dir, format === 'csv' ? 'captures.csv' : 'captures.jsonl'), 'utf8');
  const lines = text.trimEnd().split('\n');
  if (format === 'csv') lines.shift();
  for (const line of lines) {
    captureCounts.read++;
    let rec: Record<string, unknown>;
    if (format === 'csv') {
      const f = line.split(',');
      if (f.length !== 9) {
        captureCounts.rejected++;
        continue;
      }
      const num = (s: string): number | null => (s === '' ? null : Number(s));
      rec = {
        eventId: f[0],
        deviceId: f[1],
        occurredAt: f[2],
        eventType: f[3],
        subjectRef: f[4],
        matchScore: num(f[5]),
        purpose: f[7] === '' ? undefined : f[7],
      };
    } else {
      try {
        rec = JSON.parse(line) as Record<string, unknown>;
      } catch {
        captureCounts.rejected++;
        continue;
      }
    }
    const device = byId.get(rec.deviceId as string);
    const occurredAt = device ? parseInstant(rec.occurredAt as string, device.timezone) : null;
    const score = rec.matchScore as number | null | undefined;
    const purpose = (rec.purpose as string | undefined) ?? null;
    if (
      !device ||
      occurredAt === null ||
      !isOneOf<CaptureEventType>(CAPTURE_EVENT_TYPES, rec.eventType) ||
      (score != null && (score < 0 || score > 1)) ||
      (purpose !== null && !isOneOf(PURPOSES, purpose))
    ) {
      captureCounts.rejected++;
      continue;
    }
    const key = `${device.deviceId}\u0000${rec.eventId as string}`;
    if (seen.has(key)) {
      captureCounts.duplicates++;
      continue;
    }
    seen.add(key);
    captureCounts.accepted++;
    captures.push({
      id: captureCounts.accepted,
      deviceId: device.deviceId,
      subjectRef: (rec.subjectRef as string) || null,
      occurredAt,
      purpose: resolvePurpose(purpose, device),
    });
  }
  return { firm, devices, consents, captures, counts: { captures: captureCounts, consents: consentCounts } };
}

/** Audits the folder with the detection core, in the shape of expected.json. */
function audit(folder: ReadFolder): ExpectedInspection {
  const law = consentLawSchedule();
  const index = new ConsentIndex(folder.consents, folder.firm.timezone, law);
  const acc = new FindingAccumulator();
  const used = new Map<string, { firstAt: number; lastAt: number }>();
  for (const c of folder.captures) {
    acc.add(c, index.evaluate(c));
    const span = used.get(c.deviceId) ?? { firstAt: c.occurredAt, lastAt: c.occurredAt };
    span.firstAt = Math.min(span.firstAt, c.occurredAt);
    span.lastAt = Math.max(span.lastAt, c.occurredAt);
    used.set(c.deviceId, span);
  }
  const { byPeriod: _byPeriod, ...summary } = acc.summary();
  return {
    ingest: folder.counts,
    findings: {
      ...summary,
      siteFindings: siteFindings(folder.devices, used, law).map(({ siteId, rule }) => ({ siteId, rule })),
    },
  };
}

describe('generateInspection', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'bioaudit-example-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function generate(name: string, options: Omit<GenerateInspectionOptions, 'outDir'>) {
    const outDir = join(root, name);
    const expected = await generateInspection({ outDir, ...options });
    const written = JSON.parse(await readFile(join(outDir, 'expected.json'), 'utf8')) as ExpectedInspection;
    return { outDir, expected, written };
  }

  it('writes a folder whose audit by the detection core reproduces expected.json exactly (defaults)', async () => {
    const { outDir, expected, written } = await generate('default', {});
    expect(written).toEqual(expected);
    expect(expected.findings.capturesAudited).toBe(300_000);
    expect(audit(await readFolder(outDir, 'jsonl'))).toEqual(expected);
  }, 120_000);

  it('judges the default (Ningbo, 2019-2020) window by the law before the PIPL', async () => {
    const { expected } = await generate('ningbo', { seed: 3, captures: 20_000 });
    const r = expected.findings.byReason;
    expect([r.NOT_SEPARATE_CONSENT, r.MINOR_WITHOUT_GUARDIAN_CONSENT]).toEqual([0, 0]);
    expect(r.NO_EXPRESS_CONSENT).toBeGreaterThan(0);
    expect(r.NO_CONSENT).toBeGreaterThan(0);
    expect(expected.findings.siteFindings).toEqual([]);
  });

  it('plants every finding reason, strangers, malformed and duplicate lines, and a face-only site', async () => {
    // Across the PIPL (2021-11-01) and the Face Recognition Measures (2025-06-01): every rule applies somewhere.
    const window = { from: '2021-06-01', to: '2025-09-01' };
    const { outDir, expected } = await generate('reasons', { seed: 11, captures: 40_000, window });
    expect(audit(await readFolder(outDir, 'jsonl'))).toEqual(expected);
    for (const [reason, n] of Object.entries(expected.findings.byReason)) {
      expect([reason, n > 0]).toEqual([reason, true]);
    }
    const { captures, consents } = expected.ingest;
    expect(captures.read).toBe(captures.accepted + captures.duplicates + captures.rejected);
    expect(consents.read).toBe(consents.accepted + consents.duplicates + consents.rejected);
    expect(captures.rejected).toBeGreaterThanOrEqual(5);
    expect(captures.duplicates).toBeGreaterThanOrEqual(3);
    expect(consents.rejected).toBe(3);
    expect(expected.findings.unidentifiedCaptures).toBeGreaterThan(0);
    expect(expected.findings.unidentifiedCaptures).toBeLessThan(expected.findings.byReason.NO_CONSENT);
    expect(expected.findings.affectedSubjects).toBeLessThanOrEqual(973);
    expect(expected.findings.siteFindings).toEqual([{ siteId: 'RE1', rule: 'FACE_ONLY_ACCESS' }]);
  });

  it('reproduces expected.json from the CSV captures format', async () => {
    const { outDir, expected } = await generate('csv', { seed: 5, captures: 30_000, format: 'csv' });
    expect(audit(await readFolder(outDir, 'csv'))).toEqual(expected);
  });

  it('reconciles for tiny folders too', async () => {
    for (const [captures, subjects] of [
      [1, 1],
      [50, 5],
      [400, 30],
    ]) {
      const { outDir, expected } = await generate(`tiny-${captures}`, { seed: captures, captures, subjects });
      expect(expected.ingest.captures.accepted).toBe(captures);
      expect(audit(await readFolder(outDir, 'jsonl'))).toEqual(expected);
    }
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    const files = ['firm.json', 'devices.csv', 'consents.csv', 'captures.jsonl', 'expected.json'];
    const a = await generate('same-a', { seed: 3, captures: 20_000 });
    const b = await generate('same-b', { seed: 3, captures: 20_000 });
    const c = await generate('other', { seed: 4, captures: 20_000 });
    for (const f of files) {
      const [x, y] = await Promise.all([readFile(join(a.outDir, f)), readFile(join(b.outDir, f))]);
      expect([f, x.equals(y)]).toEqual([f, true]);
    }
    const [x, z] = await Promise.all([
      readFile(join(a.outDir, 'captures.jsonl')),
      readFile(join(c.outDir, 'captures.jsonl')),
    ]);
    expect(x.equals(z)).toBe(false);
    // Three folders of 20,000 captures each: seconds, not the 5 s of a pure unit test, on a busy machine.
  }, 60_000);

  it('writes a synthetic firm with a checksum-valid credit code and mixed time notations', async () => {
    const { outDir } = await generate('firm', { seed: 1, captures: 2_000 });
    const firm = JSON.parse(await readFile(join(outDir, 'firm.json'), 'utf8')) as FirmProfile;
    expect(firm.name).toBe('宁波示例置业有限公司');
    expect(isValidCreditCode(firm.creditCode)).toBe(true);
    expect(firm.timezone).toBe('Asia/Shanghai');
    const text = await readFile(join(outDir, 'captures.jsonl'), 'utf8');
    expect(text).toMatch(/"occurredAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00"/);
    expect(text).toMatch(/"occurredAt":"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"/);
  });
});
