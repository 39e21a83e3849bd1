import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { CaptureEventRecord, DeviceProfile } from '@app/common';
import { captureSourceOf, captureSourcesOf, readCaptureFolder } from './capture-sources';
import { zipOf } from './fixtures/zip-fixture';
import { locateInspectionFiles } from './inspection-folder';
import { countRecords, readCaptures, type ParsedRow } from './record-reader';
import { detectSourceEncoding, type SourceFile } from './source-file';

const vendors = join(__dirname, 'fixtures', 'vendors');
const fixture = (rel: string) => readFileSync(join(vendors, rel));

let root: string;
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ingestion-captures-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = join(root, `d${n++}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

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
  ['DS-K1T-SYN0001', 'hc-dev-0001', 'DH-ASI-SYN0001', 'ZK-SYN0001', 'ZK-SYN0002'].map((id) => [
    id,
    device(id),
  ]),
);

async function rowsOf(file: SourceFile): Promise<ParsedRow<CaptureEventRecord>[]> {
  const rows: ParsedRow<CaptureEventRecord>[] = [];
  for await (const b of readCaptures(file, { devices })) rows.push(...b);
  return rows;
}

describe('readCaptureFolder', () => {
  it('detects each export, attributes by the manifest, expands zips and refuses what it cannot read', async () => {
    const dir = dirWith({
      'manifest.csv': [
        'file,deviceId',
        'search-page.json,DS-K1T-SYN0001',
        'attlog.txt.gz,ZK-SYN0001',
        'bundle.zip/dahua.txt,DH-ASI-SYN0001',
        'bundle.zip,ZK-SYN0002',
      ].join('\r\n'),
      'search-page.json': fixture('hikvision-acs-search/two-pages.json'),
      'push.jsonl': fixture('hikvision-acs-push/alert-stream.jsonl'),
      'attlog.txt.gz': gzipSync(fixture('zkteco-attlog/attlog-push.txt')),
      'bundle.zip': zipOf([
        { name: 'dahua.txt', data: fixture('dahua-recordfinder/card-records.txt') },
        { name: 'logs/rtlog.txt', data: fixture('zkteco-rtlog/rtlog.txt') },
        { name: 'door-events.csv', data: fixture('hikcentral-csv/door-events.csv'), store: true },
      ]),
      'unattributed-attlog.txt': fixture('zkteco-attlog/attlog-push.txt'),
      'photo.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
    });
    mkdirSync(join(dir, 'old'));
    const got = await readCaptureFolder(dir);
    expect(got.files.map((f) => [f.fileName, f.captureFormat, f.deviceId ?? null])).toEqual([
      ['attlog.txt.gz', 'zkteco-attlog', 'ZK-SYN0001'],
      ['bundle.zip/dahua.txt', 'dahua-recordfinder', 'DH-ASI-SYN0001'],
      ['bundle.zip/logs/rtlog.txt', 'zkteco-rtlog', 'ZK-SYN0002'],
      ['bundle.zip/door-events.csv', 'hikcentral-csv', 'ZK-SYN0002'],
      ['push.jsonl', 'hikvision-acs-push', null],
      ['search-page.json', 'hikvision-acs-search', 'DS-K1T-SYN0001'],
    ]);
    expect(got.rejected.map((r) => [r.fileName, r.code])).toEqual([
      ['old', 'INGEST.UNSUPPORTED_FORMAT'],
      ['photo.bin', 'INGEST.FORMAT_UNDETECTED'],
      ['unattributed-attlog.txt', 'INGEST.FILE_UNATTRIBUTED'],
    ]);
    for (const file of got.files) {
      const rows = await rowsOf(file);
      expect(rows.length).toBe(await countRecords(file));
      expect(rows.filter((r) => r.ok).length).toBeGreaterThan(0);
    }
    // The manifest's device overrides the one a HikCentral row names.
    const hc = await rowsOf(got.files[3]);
    expect(hc.filter((r) => r.ok).map((r) => r.record.deviceId)).toEqual([
      'ZK-SYN0002',
      'ZK-SYN0002',
      'ZK-SYN0002',
      'ZK-SYN0002',
    ]);
  });

  it('refuses a manifest naming a missing file, or with a bad format or encoding', async () => {
    await expect(
      readCaptureFolder(dirWith({ 'manifest.csv': 'file,deviceId\nnot-here.txt,ZK-SYN0001\n' })),
    ).rejects.toMatchObject({ code: 'INGEST.MANIFEST_INVALID' });
    const attlog = fixture('zkteco-attlog/attlog-push.txt');
    await expect(
      readCaptureFolder(
        dirWith({ 'manifest.csv': 'file,deviceId,format\na.txt,ZK-SYN0001,excel\n', 'a.txt': attlog }),
      ),
    ).rejects.toMatchObject({ code: 'INGEST.MANIFEST_INVALID' });
    await expect(
      readCaptureFolder(
        dirWith({ 'manifest.csv': 'file,deviceId,encoding\na.txt,ZK-SYN0001,klingon\n', 'a.txt': attlog }),
      ),
    ).rejects.toMatchObject({ code: 'INGEST.MANIFEST_INVALID' });
    await expect(
      readCaptureFolder(dirWith({ 'manifest.csv': 'file\na.txt\n', 'a.txt': attlog })),
    ).rejects.toMatchObject({ code: 'INGEST.MANIFEST_INVALID' });
  });

  it('lets the manifest or the caller force a format the content does not reveal', async () => {
    const dir = dirWith({
      'manifest.csv': 'file,deviceId,format\nodd.log,ZK-SYN0001,zkteco-attlog\n',
      // No time in the second column, so detection cannot tell it is ATTLOG.
      'odd.log': '1001\tnot-a-time\t0\t15\n',
    });
    const got = await readCaptureFolder(dir);
    expect(got.files.map((f) => f.captureFormat)).toEqual(['zkteco-attlog']);
    expect(await rowsOf(got.files[0])).toMatchObject([{ ok: false, code: 'INGEST.BAD_TIME' }]);
    const forced = await captureSourceOf(join(dir, 'odd.log'), {
      format: 'zkteco-rtlog',
      deviceId: 'ZK-SYN0001',
    });
    expect(forced.captureFormat).toBe('zkteco-rtlog');
  });
});

describe('locateInspectionFiles with a captures/ folder', () => {
  const base = () => ({
    'firm.json': '{}',
    'devices.csv': 'deviceId,siteId,siteType,faceOnlyAccess\n',
    'consents.csv': 'consentId,subjectRef,givenAt,purposes,method,separateConsent\n',
  });

  it('returns every capture file and the refused ones', async () => {
    const dir = dirWith(base());
    mkdirSync(join(dir, 'captures'));
    writeFileSync(join(dir, 'captures', 'push.jsonl'), fixture('hikvision-acs-push/alert-stream.jsonl'));
    writeFileSync(join(dir, 'captures', 'attlog.txt'), fixture('zkteco-attlog/attlog-push.txt'));
    const files = await locateInspectionFiles(dir);
    expect(files.captures.map((f) => f.fileName)).toEqual(['push.jsonl']);
    expect(files.rejectedCaptures).toMatchObject([
      { fileName: 'attlog.txt', code: 'INGEST.FILE_UNATTRIBUTED' },
    ]);
  });

  it('refuses captures/ next to a captures.* file', async () => {
    const dir = dirWith({ ...base(), 'captures.jsonl': '' });
    mkdirSync(join(dir, 'captures'));
    await expect(locateInspectionFiles(dir)).rejects.toMatchObject({ code: 'INGEST.FILE_AMBIGUOUS' });
  });

  it('applies a forced format and encoding to the single canonical file', async () => {
    const dir = dirWith({ ...base(), 'captures.csv': 'a\n' });
    const files = await locateInspectionFiles(dir, { format: 'hikcentral-csv', encoding: 'gb18030' });
    expect(files.captures).toMatchObject([
      { fileName: 'captures.csv', captureFormat: 'hikcentral-csv', encoding: 'gb18030' },
    ]);
  });
});

describe('encodings', () => {
  it('detects a GBK HikCentral export without a flag and decodes it', async () => {
    const csv = fixture('hikcentral-csv/door-events.csv')
      .toString('utf8')
      .replace('P-0001', '访客甲')
      .replace('<synthetic>', '测试人员');
    const dir = dirWith({ 'gbk.csv': iconv.encode(csv, 'gbk') });
    const file = await captureSourceOf(join(dir, 'gbk.csv'));
    expect(file).toMatchObject({ captureFormat: 'hikcentral-csv', encoding: 'gb18030' });
    expect(await detectSourceEncoding({ ...file, encoding: undefined })).toBe('gb18030');
    const rows = await rowsOf(file);
    expect(rows[0]).toMatchObject({ ok: true, record: { subjectRef: '访客甲' } });
  });

  it('reads UTF-8 with a BOM and CRLF, and UTF-16 with a BOM', async () => {
    const text = fixture('zkteco-rtlog/rtlog.txt').toString('utf8').replace(/\n/g, '\r\n');
    const dir = dirWith({
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    });
    const expected = await rowsOf(
      await captureSourceOf(join(vendors, 'zkteco-rtlog', 'rtlog.txt'), { deviceId: 'ZK-SYN0001' }),
    );
    for (const name of ['bom.txt', 'utf16.txt']) {
      const file = await captureSourceOf(join(dir, name), { deviceId: 'ZK-SYN0001' });
      expect(file.captureFormat).toBe('zkteco-rtlog');
      expect(await rowsOf(file)).toEqual(expected);
    }
  });
});

describe('zip archives', () => {
  const rtlog = () => fixture('zkteco-rtlog/rtlog.txt');

  it.each([['../escape.txt'], ['logs/../../escape.txt'], ['/etc/escape.txt']])(
    'refuses an archive with the entry %s (path traversal)',
    async (name) => {
      const dir = dirWith({
        'evil.zip': zipOf([
          { name: 'ok.txt', data: rtlog() },
          { name, data: rtlog() },
        ]),
      });
      const got = await captureSourcesOf(join(dir, 'evil.zip'), { deviceId: 'ZK-SYN0001' });
      expect(got.files).toEqual([]);
      expect(got.rejected).toMatchObject([{ fileName: 'evil.zip', code: 'INGEST.ARCHIVE_UNSAFE' }]);
    },
  );

  it('refuses a zip bomb by its ratio, and nested archives', async () => {
    const bomb = zipOf([{ name: 'zeros.txt', data: Buffer.alloc(40 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const dir = dirWith({
      'bomb.zip': bomb,
      'nested.zip': zipOf([{ name: 'inner.zip', data: zipOf([{ name: 'a.txt', data: rtlog() }]) }]),
    });
    for (const name of ['bomb.zip', 'nested.zip']) {
      const got = await captureSourcesOf(join(dir, name), { deviceId: 'ZK-SYN0001' });
      expect(got.rejected).toMatchObject([{ fileName: name, code: 'INGEST.ARCHIVE_UNSAFE' }]);
    }
  });

  it('stops an entry that inflates beyond its declared size (a lying header)', async () => {
    const data = Buffer.concat([rtlog(), Buffer.alloc(1024 * 1024, 0x0a)]);
    const dir = dirWith({
      // Lies past the detection sample: found while streaming.
      'liar.zip': zipOf([{ name: 'rtlog.txt', data, declaredSize: rtlog().length + 128 * 1024 }]),
      // Lies within the detection sample: refused as soon as it is described.
      'small-liar.zip': zipOf([{ name: 'rtlog.txt', data, declaredSize: rtlog().length }]),
    });
    // With format and encoding declared nothing reads the entry before the records do.
    const got = await captureSourcesOf(join(dir, 'liar.zip'), {
      deviceId: 'ZK-SYN0001',
      format: 'zkteco-rtlog',
      encoding: 'utf-8',
    });
    expect(got.files).toHaveLength(1);
    await expect(rowsOf(got.files[0])).rejects.toMatchObject({ code: 'INGEST.ARCHIVE_UNSAFE' });
    // Undeclared, the whole-entry encoding pass finds the lie while describing it.
    const scanned = await captureSourcesOf(join(dir, 'liar.zip'), { deviceId: 'ZK-SYN0001' });
    expect(scanned.rejected).toMatchObject([{ code: 'INGEST.ARCHIVE_UNSAFE' }]);
    const small = await captureSourcesOf(join(dir, 'small-liar.zip'), { deviceId: 'ZK-SYN0001' });
    expect(small.rejected).toMatchObject([{ code: 'INGEST.ARCHIVE_UNSAFE' }]);
  });

  it('refuses a file that is not a zip archive as unreadable', async () => {
    const dir = dirWith({ 'fake.zip': 'not a zip' });
    const got = await captureSourcesOf(join(dir, 'fake.zip'));
    expect(got.rejected).toMatchObject([{ code: 'INGEST.FILE_UNREADABLE' }]);
  });
});
