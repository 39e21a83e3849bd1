import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureSourcesOf } from './capture-sources';
import { zipOf } from './fixtures/zip-fixture';
import { hashFile } from './hash-file';
import { loadFirm, locateInspectionFiles } from './inspection-folder';
import { readCaptures } from './record-reader';
import { readTextChunks, sourceFileOf } from './source-file';

/**
 * Issue 9, failure 6: symbolic links were followed (`captures.jsonl -> /etc/passwd` became the firm's
 * evidence), `-> /dev/zero` or a FIFO hung for ever, and a dangling link inside captures/ crashed with a raw
 * ENOENT. Every input is now a regular file inside the folder or refused with INGEST.NOT_A_REGULAR_FILE.
 */
jest.setTimeout(10_000);

const FIRM = JSON.stringify({ name: 'Synthetic Realty', creditCode: '91350100M000100Y43', region: 'Ningbo' });
const DEVICES = 'deviceId,siteId,siteType,faceOnlyAccess\nD-1,S-1,sales_office,false\n';
const CONSENTS = 'consentId,subjectRef,givenAt,purposes,method,separateConsent\n';
const CAPTURE = `${JSON.stringify({ eventId: 'a', deviceId: 'D-1', occurredAt: '2025-03-01T08:00:00+08:00', eventType: 'face_match', subjectRef: 'S-1' })}\n`;

let root: string;
let outside: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ingestion-regular-'));
  outside = join(root, 'outside.jsonl');
  writeFileSync(outside, CAPTURE);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A complete inspection folder; `captures` replaced by a link/FIFO when `special` says so. */
function folder(special: (dir: string) => void, withCaptures = true): string {
  const dir = join(root, `f${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'firm.json'), FIRM);
  writeFileSync(join(dir, 'devices.csv'), DEVICES);
  writeFileSync(join(dir, 'consents.csv'), CONSENTS);
  if (withCaptures) writeFileSync(join(dir, 'captures.jsonl'), CAPTURE);
  special(dir);
  return dir;
}
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);
const refused = { code: 'INGEST.NOT_A_REGULAR_FILE' };

async function drain(it: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of it) void _;
}

describe('inputs are regular files inside the folder (issue 9, failure 6)', () => {
  it('refuses captures.jsonl -> a file outside the folder (e.g. /etc/passwd), in one line', async () => {
    const dir = folder((d) => symlinkSync('/etc/passwd', join(d, 'captures.jsonl')), false);
    const error = await locateInspectionFiles(dir).catch((e: unknown) => e);
    expect(error).toMatchObject(refused);
    expect((error as Error).message).toMatch(/captures\.jsonl: refused: a symbolic link/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses links to /dev/zero, FIFOs and dangling links at the top level without hanging', async () => {
    const cases: Array<(d: string) => void> = [
      (d) => symlinkSync('/dev/zero', join(d, 'captures.jsonl')),
      (d) => mkfifo(join(d, 'captures.jsonl')),
      (d) => symlinkSync(join(d, 'nowhere.jsonl'), join(d, 'captures.jsonl')),
    ];
    for (const make of cases) {
      await expect(locateInspectionFiles(folder(make, false))).rejects.toMatchObject(refused);
    }
    await expect(
      locateInspectionFiles(
        folder((d) => {
          rmSync(join(d, 'consents.csv'));
          mkfifo(join(d, 'consents.csv'));
        }),
      ),
    ).rejects.toMatchObject(refused);
    await expect(
      locateInspectionFiles(
        folder((d) => {
          rmSync(join(d, 'devices.csv'));
          symlinkSync(outside, join(d, 'devices.csv'));
        }),
      ),
    ).rejects.toMatchObject(refused);
  });

  it('refuses firm.json as a link or FIFO', async () => {
    const linked = folder((d) => {
      rmSync(join(d, 'firm.json'));
      symlinkSync(outside, join(d, 'firm.json'));
    });
    await expect(locateInspectionFiles(linked)).rejects.toMatchObject(refused);
    await expect(loadFirm(join(linked, 'firm.json'))).rejects.toMatchObject(refused);
    const fifo = folder((d) => {
      rmSync(join(d, 'firm.json'));
      mkfifo(join(d, 'firm.json'));
    });
    await expect(loadFirm(join(fifo, 'firm.json'))).rejects.toMatchObject(refused);
  });

  it('refuses a captures/ folder that is a link out of the inspection folder', async () => {
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'a.jsonl'), CAPTURE);
    const dir = folder((d) => symlinkSync(elsewhere, join(d, 'captures')), false);
    await expect(locateInspectionFiles(dir)).rejects.toMatchObject(refused);
  });

  it('inside captures/, refuses each link (dangling too), FIFO and link to a device by itself and reads the rest', async () => {
    const dir = folder((d) => {
      const c = join(d, 'captures');
      mkdirSync(c);
      writeFileSync(join(c, 'good.jsonl'), CAPTURE);
      symlinkSync('/etc/passwd', join(c, 'passwd.jsonl'));
      symlinkSync(join(c, 'gone.jsonl'), join(c, 'dangling.jsonl'));
      symlinkSync('/dev/zero', join(c, 'zero.jsonl'));
      mkfifo(join(c, 'pipe.jsonl'));
    }, false);
    const files = await locateInspectionFiles(dir);
    expect(files.captures.map((f) => f.fileName)).toEqual(['good.jsonl']);
    expect(files.rejectedCaptures.map((r) => [r.fileName, r.code]).sort()).toEqual([
      ['dangling.jsonl', 'INGEST.NOT_A_REGULAR_FILE'],
      ['passwd.jsonl', 'INGEST.NOT_A_REGULAR_FILE'],
      ['pipe.jsonl', 'INGEST.NOT_A_REGULAR_FILE'],
      ['zero.jsonl', 'INGEST.NOT_A_REGULAR_FILE'],
    ]);
    for (const r of files.rejectedCaptures) expect(r.message).not.toContain('\n');
  });

  it('refuses a captures/manifest.csv that is a link, as itself', async () => {
    const dir = folder((d) => {
      const c = join(d, 'captures');
      mkdirSync(c);
      writeFileSync(join(c, 'good.jsonl'), CAPTURE);
      writeFileSync(join(root, 'manifest-elsewhere.csv'), 'file,deviceId\ngood.jsonl,D-1\n');
      symlinkSync(join(root, 'manifest-elsewhere.csv'), join(c, 'manifest.csv'));
    }, false);
    await expect(locateInspectionFiles(dir)).rejects.toMatchObject(refused);
  });

  it('checks the opened file itself: a file swapped for a link or FIFO after it was located is refused', async () => {
    const dir = folder(() => undefined);
    const files = await locateInspectionFiles(dir);
    const path = files.captures[0].path;
    rmSync(path);
    symlinkSync(outside, path);
    await expect(drain(readCaptures(files.captures[0], { devices: new Map() }))).rejects.toMatchObject(
      refused,
    );
    await expect(hashFile(path)).rejects.toMatchObject(refused);
    rmSync(path);
    mkfifo(path);
    await expect(drain(readTextChunks(sourceFileOf(path)))).rejects.toMatchObject(refused);
    await expect(hashFile(path)).rejects.toMatchObject(refused);
  });

  it('refuses a zip archive that is a link, and an archive with a symbolic-link or device entry', async () => {
    const c = join(root, 'zips');
    mkdirSync(c);
    writeFileSync(join(c, 'real.zip'), zipOf([{ name: 'a.jsonl', data: CAPTURE }]));
    symlinkSync(join(c, 'real.zip'), join(c, 'linked.zip'));
    writeFileSync(
      join(c, 'with-link.zip'),
      zipOf([
        { name: 'a.jsonl', data: CAPTURE, unixMode: 0o100644 },
        { name: 'b.jsonl', data: '/etc/passwd', unixMode: 0o120777 },
      ]),
    );
    writeFileSync(join(c, 'with-fifo.zip'), zipOf([{ name: 'p.jsonl', data: CAPTURE, unixMode: 0o010644 }]));
    expect((await captureSourcesOf(join(c, 'real.zip'))).files).toHaveLength(1);
    for (const name of ['linked.zip', 'with-link.zip', 'with-fifo.zip']) {
      const got = await captureSourcesOf(join(c, name));
      expect(got.files).toEqual([]);
      expect(got.rejected).toMatchObject([{ fileName: name, ...refused }]);
    }
  });
});
