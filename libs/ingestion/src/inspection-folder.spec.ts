import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadDevices, loadFirm, locateInspectionFiles, openInspectionFolder } from './inspection-folder';
import { readCaptures } from './record-reader';
import { sourceFileOf } from './source-file';

const FIRM = { name: 'Ningbo Realty', creditCode: '91350100M000100Y43', region: 'Ningbo, Zhejiang' };
const DEVICES_CSV = [
  'deviceId,siteId,siteName,siteType,faceOnlyAccess,vendor,model,declaredPurpose,timezone',
  'D-1,S-1,Sales office,sales_office,false,Hikvision,DS-K1T671,visitor_identification,',
  'D-2,S-2,North gate,residential_entrance,true,Dahua,ASI7213X,access_control,Europe/Amsterdam',
  'D-1,S-9,Copy,other,false,,,,',
  'D-3,S-3,Lobby,lobby,false,,,,',
].join('\r\n');

let root: string;
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ingestion-folder-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(files: Record<string, string | Buffer>): string {
  const dir = join(root, `f${n++}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const complete = (): Record<string, string | Buffer> => ({
  'firm.json': JSON.stringify(FIRM),
  'devices.csv': DEVICES_CSV,
  'captures.jsonl.gz': gzipSync(
    '{"deviceId":"D-2","occurredAt":"2021-03-29 12:00","eventType":"stranger"}\n' +
      '{"deviceId":"D-1","occurredAt":"2021-03-29 12:00","eventType":"stranger"}\n' +
      '{"deviceId":"D-3","occurredAt":"2021-03-29 12:00","eventType":"stranger"}\n',
  ),
  'consents.csv': 'consentId,subjectRef,givenAt,purposes,method,separateConsent\n',
});

describe('locateInspectionFiles', () => {
  it('finds the four files, whichever capture/consent variant is present', async () => {
    const dir = folder(complete());
    const files = await locateInspectionFiles(dir);
    expect(files).toEqual({
      folder: dir,
      firm: join(dir, 'firm.json'),
      devices: { path: join(dir, 'devices.csv'), fileName: 'devices.csv', format: 'csv', gzip: false },
      captures: [
        {
          path: join(dir, 'captures.jsonl.gz'),
          fileName: 'captures.jsonl.gz',
          format: 'jsonl',
          gzip: true,
        },
      ],
      rejectedCaptures: [],
      consents: { path: join(dir, 'consents.csv'), fileName: 'consents.csv', format: 'csv', gzip: false },
    });
  });

  it('fails with INGEST.FOLDER_NOT_FOUND for a missing path or a file', async () => {
    await expect(locateInspectionFiles(join(root, 'missing'))).rejects.toMatchObject({
      code: 'INGEST.FOLDER_NOT_FOUND',
    });
    const dir = folder(complete());
    await expect(locateInspectionFiles(join(dir, 'firm.json'))).rejects.toMatchObject({
      code: 'INGEST.FOLDER_NOT_FOUND',
    });
  });

  it.each(['firm.json', 'devices.csv', 'captures.jsonl.gz', 'consents.csv'])(
    'fails with INGEST.FILE_MISSING without %s',
    async (name) => {
      const files = complete();
      delete files[name];
      await expect(locateInspectionFiles(folder(files))).rejects.toMatchObject({
        code: 'INGEST.FILE_MISSING',
      });
    },
  );

  it('fails with INGEST.FILE_AMBIGUOUS when two capture files are present', async () => {
    const dir = folder({ ...complete(), 'captures.csv': 'deviceId,occurredAt,eventType\n' });
    await expect(locateInspectionFiles(dir)).rejects.toMatchObject({
      code: 'INGEST.FILE_AMBIGUOUS',
      details: expect.objectContaining({ files: ['captures.jsonl.gz', 'captures.csv'] }) as unknown,
    });
  });
});

describe('loadFirm', () => {
  it('reads firm.json (with a BOM) and defaults the time zone', async () => {
    const dir = folder({ 'firm.json': `\uFEFF${JSON.stringify(FIRM)}` });
    expect(await loadFirm(join(dir, 'firm.json'))).toEqual({ ...FIRM, timezone: 'Asia/Shanghai' });
  });

  it.each([
    ['invalid JSON', '{"name":', /not valid JSON/],
    ['an array', '[]', /must be a JSON object/],
    ['a bad credit code', JSON.stringify({ ...FIRM, creditCode: '91350100M000100Y44' }), /creditCode/],
    ['a bad time zone', JSON.stringify({ ...FIRM, timezone: 'Beijing' }), /timezone/],
  ])('fails with INGEST.FIRM_INVALID on %s', async (_name, content, message) => {
    const dir = folder({ 'firm.json': content });
    await expect(loadFirm(join(dir, 'firm.json'))).rejects.toMatchObject({
      code: 'INGEST.FIRM_INVALID',
      message: expect.stringMatching(message) as unknown,
    });
  });

  it('fails with INGEST.FILE_MISSING when firm.json is absent', async () => {
    await expect(loadFirm(join(root, 'nowhere', 'firm.json'))).rejects.toMatchObject({
      code: 'INGEST.FILE_MISSING',
    });
  });
});

describe('loadDevices', () => {
  it('accepts valid rows, defaults the zone to the firm, and rejects duplicates and bad rows', async () => {
    const dir = folder({ 'devices.csv': DEVICES_CSV });
    const { devices, rows } = await loadDevices(sourceFileOf(join(dir, 'devices.csv')), {
      ...FIRM,
      timezone: 'Asia/Shanghai',
    });
    expect(devices.map((d) => [d.deviceId, d.siteName, d.timezone, d.faceOnlyAccess])).toEqual([
      ['D-1', 'Sales office', 'Asia/Shanghai', false],
      ['D-2', 'North gate', 'Europe/Amsterdam', true],
    ]);
    expect(rows.map((r) => (r.ok ? [r.line, 'ok'] : [r.line, r.code, r.field]))).toEqual([
      [2, 'ok'],
      [3, 'ok'],
      [4, 'INGEST.DUPLICATE_DEVICE', 'deviceId'],
      [5, 'INGEST.BAD_ENUM', 'siteType'],
    ]);
    expect(rows[2]).toMatchObject({ raw: 'D-1,S-9,Copy,other,false,,,,' });
  });
});

describe('openInspectionFolder', () => {
  it('loads firm and devices, and captures then read in each device zone', async () => {
    const { files, firm, devices, deviceRows } = await openInspectionFolder(folder(complete()));
    expect(firm.creditCode).toBe(FIRM.creditCode);
    expect([...devices.keys()]).toEqual(['D-1', 'D-2']);
    expect(deviceRows).toHaveLength(4);
    const rows = [];
    for await (const b of readCaptures(files.captures[0], { devices })) rows.push(...b);
    expect(rows.map((r) => (r.ok ? r.record.occurredAt : r.code))).toEqual([
      Date.UTC(2021, 2, 29, 10), // Amsterdam, summer time
      Date.UTC(2021, 2, 29, 4), // Shanghai, the firm's zone
      'INGEST.UNKNOWN_DEVICE', // D-3's row was rejected
    ]);
  });
});
