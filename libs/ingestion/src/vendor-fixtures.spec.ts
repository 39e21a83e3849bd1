import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureEventRecord, DeviceProfile } from '@app/common';
import { captureSourceOf } from './capture-sources';
import { CAPTURE_FORMATS } from './core/adapters/capture-adapter';
import { detectCaptureFormat } from './core/format-detection';
import { countRecords, readCaptures, type ParsedRow } from './record-reader';

/**
 * One scenario per export under fixtures/vendors/<format>/<case>.<ext>, with <case>.expected.json: the
 * format detection must find, the manifest attribution if the format needs one, and every row's outcome.
 */
interface Expected {
  description: string;
  format: string;
  deviceId?: string;
  rows: Array<
    | { line: number; accepted: Record<string, unknown> }
    | { line: number; skipped: string }
    | { line: number; rejected: { code: string; field: string | null } }
  >;
}

const root = join(__dirname, 'fixtures', 'vendors');
const cases = readdirSync(root)
  .sort()
  .flatMap((format) =>
    readdirSync(join(root, format))
      .filter((f) => !f.endsWith('.expected.json'))
      .sort()
      .map((file) => {
        const expected = JSON.parse(
          readFileSync(join(root, format, file.replace(/\.[^.]+$/, '.expected.json')), 'utf8'),
        ) as Expected;
        return { name: `${format}/${file}`, path: join(root, format, file), file, dir: format, expected };
      }),
  );

const device = (deviceId: string): DeviceProfile => ({
  deviceId,
  siteId: 'S-1',
  siteName: 'Sales office',
  siteType: 'sales_office',
  faceOnlyAccess: false,
  vendor: '',
  model: '',
  declaredPurpose: null,
  timezone: 'Asia/Shanghai',
});
const devices = new Map(
  ['DS-K1T-SYN0001', 'hc-dev-0001', 'DH-ASI-SYN0001', 'ZK-SYN0001'].map((id) => [id, device(id)]),
);

function outcome(r: ParsedRow<CaptureEventRecord>): Expected['rows'][number] {
  if (r.ok) {
    return {
      line: r.line,
      accepted: { ...r.record, occurredAt: new Date(r.record.occurredAt).toISOString() },
    };
  }
  if (r.skipped) return { line: r.line, skipped: r.code };
  return { line: r.line, rejected: { code: r.code, field: r.field } };
}

async function readAll(path: string, deviceId: string | undefined) {
  const file = await captureSourceOf(path, deviceId === undefined ? {} : { deviceId });
  const rows: ParsedRow<CaptureEventRecord>[] = [];
  for await (const batch of readCaptures(file, { devices }, 3)) rows.push(...batch);
  return { file, rows };
}

describe('vendor fixtures', () => {
  it('cover every capture format', () => {
    expect([...new Set(cases.map((c) => c.dir))].sort()).toEqual([...CAPTURE_FORMATS].sort());
  });

  describe.each(cases)('$name', ({ path, file, dir, expected }) => {
    it('is detected as its format, by content and name', async () => {
      expect(expected.format).toBe(dir);
      expect(detectCaptureFormat(readFileSync(path), file)).toBe(dir);
      // Content alone decides, whatever the firm named the file.
      expect(detectCaptureFormat(readFileSync(path), 'export.dat')).toBe(dir);
      expect((await readAll(path, expected.deviceId)).file.captureFormat).toBe(dir);
    });

    it(`reads into exactly the expected rows: ${expected.description}`, async () => {
      const { file, rows } = await readAll(path, expected.deviceId);
      expect(rows.map(outcome)).toEqual(expected.rows);
      // Every record is one row: read = accepted + skipped + rejected.
      expect(await countRecords(file)).toBe(rows.length);
      for (const r of rows) if (!r.ok) expect(r.raw.length).toBeGreaterThan(0);
    });

    if (expected.deviceId !== undefined) {
      it('is refused as a whole without a manifest attribution', async () => {
        await expect(captureSourceOf(path)).rejects.toMatchObject({ code: 'INGEST.FILE_UNATTRIBUTED' });
      });
    }
  });

  it('maps the same Hikvision facts to the same canonical event from a search result and from a push', async () => {
    const search = await readAll(join(root, 'hikvision-acs-search', 'two-pages.json'), 'DS-K1T-SYN0001');
    const push = await readAll(join(root, 'hikvision-acs-push', 'alert-stream.jsonl'), undefined);
    const fromSearch = search.rows.filter((r) => r.ok);
    const fromPush = push.rows.filter((r) => r.ok);
    for (const serial of ['48211', '48213']) {
      const a = fromSearch.find((r) => r.record.eventId === serial);
      const b = fromPush.find((r) => r.record.eventId === serial);
      expect(a).toBeDefined();
      expect(b?.record).toEqual(a?.record);
      expect(b?.key).toBe(a?.key);
    }
  });
});
