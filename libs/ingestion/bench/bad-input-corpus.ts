/**
 * Builds the bad-input corpus: one inspection folder whose captures/ holds everything a careless or
 * malicious firm might hand over (truncated files, wrong encodings, NUL bytes, a 10 MB line, values out of
 * range, unknown devices, a zip bomb, path traversal, symbolic links out of the folder, a dangling link, a
 * link to /dev/zero, a FIFO, a zip with a symbolic-link entry). Nothing of it is committed: the bombs and
 * special files are made when the corpus is built, by the spec (bad-input-corpus.spec.ts) or by hand:
 *   node dist/libs/ingestion/bench/bad-input-corpus.js <new-folder>   (from the repository root)
 * then e.g. `bioaudit ingest <folder>` to probe the whole CLI with it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { zipOf } from '../src/fixtures/zip-fixture';

/** The vendor fixtures: next to the sources, or (from a build in dist/) in the repository it is run from. */
const vendors = [
  join(__dirname, '..', 'src', 'fixtures', 'vendors'),
  join(process.cwd(), 'libs', 'ingestion', 'src', 'fixtures', 'vendors'),
].find((d) => existsSync(d)) as string;

export const GOOD = (id: string, subjectRef = 'S-1', t = '2025-03-01T08:00:00+08:00'): string =>
  JSON.stringify({ eventId: id, deviceId: 'D-1', occurredAt: t, eventType: 'face_match', subjectRef });

/** What the corpus holds, for the spec to compare against. */
export interface BadInputCorpus {
  folder: string;
  /** captures/ entries that are symbolic links, FIFOs or unsafe archives, refused whole. */
  refused: Record<string, string>;
  /** Whether a FIFO could be made here (mkfifo). */
  fifo: boolean;
}

/** Writes the corpus into `folder` (created; must not hold an inspection already). */
export function writeBadInputCorpus(folder: string): BadInputCorpus {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'firm.json'),
    JSON.stringify({
      name: 'Synthetic Realty',
      creditCode: '91350100M000100Y43',
      region: 'Ningbo, Zhejiang',
    }),
  );
  writeFileSync(
    join(folder, 'devices.csv'),
    'deviceId,siteId,siteType,faceOnlyAccess\nD-1,S-1,sales_office,false\nhc-dev-0001,S-1,sales_office,false\n',
  );
  writeFileSync(
    join(folder, 'consents.csv'),
    'consentId,subjectRef,givenAt,purposes,method,separateConsent\n',
  );
  const c = join(folder, 'captures');
  mkdirSync(c);
  const search = readFileSync(join(vendors, 'hikvision-acs-search', 'two-pages.json'), 'utf8');
  const files: Record<string, string | Buffer> = {
    'manifest.csv': 'file,deviceId\ntruncated-search.json,D-1\n',
    'truncated.jsonl': `${GOOD('a')}\n${GOOD('b').slice(0, 30)}`,
    'truncated-search.json': search.slice(0, search.indexOf('"serialNo": 48213')),
    'gbk.csv': iconv.encode(
      readFileSync(join(vendors, 'hikcentral-csv', 'door-events.csv'), 'utf8').replace(
        /<synthetic>/g,
        '测试人员',
      ),
      'gbk',
    ),
    'nul.jsonl': Buffer.concat([
      Buffer.from(`${GOOD('c')}\n{"deviceId":"D-1","eventType":"stranger","occurredAt":"2025-03-01`),
      Buffer.from([0, 0, 0]),
      Buffer.from(`"}\n${GOOD('d')}\n`),
    ]),
    'huge-line.jsonl': `${GOOD('e')}\n{"x":"${'x'.repeat(10 * 1024 * 1024)}"}\n${GOOD('f')}\n`,
    'out-of-range.csv': [
      'eventId,deviceId,occurredAt,eventType,matchScore,snapshotSha256',
      'g,D-1,2025-03-01 08:00,face_match,1.5,',
      'h,D-1,2025-03-01 08:00,face_match,0.9,abc',
      'i,D-1,2025-02-30 08:00,face_match,,',
      'j,D-1,2025-03-01 08:00,face_match,0.9,',
    ].join('\n'),
    'unknown-device.jsonl': `${GOOD('k').replace('D-1', 'D-404')}\n${GOOD('l')}\n${GOOD('l')}\n`,
    // Issue 9, failure 2: UTF-8 with Chinese names and one bad byte early on; only that line is lost.
    'utf8-bad-byte.jsonl': Buffer.concat([
      Buffer.from(`${GOOD('n1', '张伟')}\n`),
      ...GOOD('n2', '#芳')
        .split('#')
        .flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xff]), Buffer.from(part)])),
      Buffer.from('\n'),
      Buffer.from(
        Array.from({ length: 50 }, (_, i) => `${GOOD(`n${i + 3}`, `李娜${i}`)}\n`).join(''),
        'utf8',
      ),
    ]),
    'bomb.zip': zipOf([{ name: 'zeros.jsonl', data: Buffer.alloc(32 * 1024 * 1024, 0x20) }]),
    'traversal.zip': zipOf([{ name: '../../outside.jsonl', data: `${GOOD('m')}\n` }]),
    // Issue 9, failure 6: a zip entry that is a symbolic link (its content is the target's path).
    'symlink-entry.zip': zipOf([{ name: 'passwd.jsonl', data: '/etc/passwd', unixMode: 0o120777 }]),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(c, name), content);
  // Issue 9, failure 6: links out of the folder, a dangling link, a device and a FIFO.
  symlinkSync('/etc/passwd', join(c, 'passwd.jsonl'));
  symlinkSync(join(c, 'no-such-file.jsonl'), join(c, 'dangling.jsonl'));
  symlinkSync('/dev/zero', join(c, 'zero.jsonl'));
  let fifo = true;
  try {
    execFileSync('mkfifo', [join(c, 'pipe.jsonl')]);
  } catch {
    fifo = false;
  }
  const refused: Record<string, string> = {
    'bomb.zip': 'INGEST.ARCHIVE_UNSAFE',
    'traversal.zip': 'INGEST.ARCHIVE_UNSAFE',
    'symlink-entry.zip': 'INGEST.NOT_A_REGULAR_FILE',
    'passwd.jsonl': 'INGEST.NOT_A_REGULAR_FILE',
    'dangling.jsonl': 'INGEST.NOT_A_REGULAR_FILE',
    'zero.jsonl': 'INGEST.NOT_A_REGULAR_FILE',
  };
  if (fifo) refused['pipe.jsonl'] = 'INGEST.NOT_A_REGULAR_FILE';
  return { folder, refused, fifo };
}

if (require.main === module) {
  const target = process.argv[2];
  if (target === undefined) {
    process.stderr.write('usage: node bad-input-corpus.js <new-folder>\n');
    process.exit(64);
  }
  const corpus = writeBadInputCorpus(target);
  process.stdout.write(
    `bad-input corpus written to ${corpus.folder} (${Object.keys(corpus.refused).length} files to be refused)\n`,
  );
}
