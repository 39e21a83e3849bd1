import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readDahuaRecordPage } from './dahua-record-page';

const body = (lines: string[], eol = '\r\n') => Buffer.from(lines.map((l) => l + eol).join(''), 'utf8');
const FIXTURE = path.join(
  __dirname,
  '../../../ingestion/src/fixtures/vendors/dahua-recordfinder/card-records.txt',
);

describe('readDahuaRecordPage', () => {
  it('reads found=N and the records in order, CRLF or LF', () => {
    for (const eol of ['\r\n', '\n']) {
      const read = readDahuaRecordPage(
        body(
          [
            'found=2',
            'records[0].CreateTime=1740816764',
            'records[0].CreateTimeRealUTC=1740787964',
            'records[0].Method=15',
            'records[0].RecNo=501',
            'records[0].URL=/SnapShotFilePath/2025-03-01/08/12/2001_0.jpg',
            'records[1].CreateTime=1740816790',
            'records[1].Method=6',
            'records[1].RecNo=502',
          ],
          eol,
        ),
      );
      expect(read).toEqual({
        ok: true,
        page: {
          found: 2,
          records: [
            {
              recNo: 501,
              createTime: 1740816764,
              fields: {
                CreateTime: '1740816764',
                CreateTimeRealUTC: '1740787964',
                Method: '15',
                RecNo: '501',
                URL: '/SnapShotFilePath/2025-03-01/08/12/2001_0.jpg',
              },
            },
            {
              recNo: 502,
              createTime: 1740816790,
              fields: { CreateTime: '1740816790', Method: '6', RecNo: '502' },
            },
          ],
        },
      });
    }
  });

  it('reads an empty answer as an empty page', () => {
    expect(readDahuaRecordPage(body(['found=0']))).toEqual({ ok: true, page: { found: 0, records: [] } });
  });

  it.each([
    [
      'a body cut inside a line',
      Buffer.from('found=2\r\nrecords[0].RecNo=501\r\nrecords[0].Create'),
      /no final line break/,
    ],
    [
      'a body cut at a line break',
      body(['found=2', 'records[0].CreateTime=1', 'records[0].RecNo=501']),
      /found=2 but 1 records/,
    ],
    ['an error text', body(['Error', 'Bad Request!']), /does not start with found=N/],
    ['an empty body', Buffer.alloc(0), /does not start with found=N/],
    [
      'a stray line',
      body(['found=1', 'records[0].RecNo=1', 'records[0].CreateTime=1', 'garbage']),
      /line 4 is not/,
    ],
    [
      'records out of order',
      body([
        'found=2',
        'records[1].RecNo=1',
        'records[1].CreateTime=1',
        'records[0].RecNo=2',
        'records[0].CreateTime=2',
      ]),
      /out of order/,
    ],
    [
      'a record split in two',
      body([
        'found=2',
        'records[0].RecNo=1',
        'records[1].RecNo=2',
        'records[1].CreateTime=2',
        'records[0].CreateTime=1',
      ]),
      /out of order/,
    ],
    ['a record without RecNo', body(['found=1', 'records[0].CreateTime=1']), /no whole-number RecNo/],
    [
      'a text CreateTime (OEM firmware)',
      body(['found=1', 'records[0].RecNo=9', 'records[0].CreateTime=2025-03-01 08:12:44']),
      /no whole-number RecNo and CreateTime/,
    ],
  ])('refuses %s with the reason', (_what, bytes, reason) => {
    const read = readDahuaRecordPage(bytes);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(reason);
  });

  it('refuses the ingestion fixture, whose garbage line no terminal sends', () => {
    const read = readDahuaRecordPage(readFileSync(FIXTURE));
    expect(!read.ok && read.reason).toMatch(/is not records\[i\]\.Field=value/);
  });
});
