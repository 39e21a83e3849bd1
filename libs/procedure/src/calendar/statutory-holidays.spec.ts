import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from '@swc/core';
import { getLunarDate } from 'chinese-days';
import { lunarNewYearsEve, lunarToSolar, qingming, statutoryHolidays } from './statutory-holidays';

const daysOf = (year: number, name: string): readonly string[] =>
  statutoryHolidays(year).find((h) => h.name === name)?.days ?? [];

describe('the statutory holidays of the 全国年节及纪念日放假办法', () => {
  it('2027 under 国务院令第795号: 除夕 Fri 02-05 (腊月廿九: 腊月 2026 has 29 days) to 初三 Mon 02-08', () => {
    expect(lunarNewYearsEve(2027)).toBe('2027-02-05');
    // The package's own lunar reading of the two days (its getLunarDate pins the epoch in UTC+8).
    expect(getLunarDate('2027-02-05')).toMatchObject({ lunarYear: 2026, lunarMon: 12, lunarDay: 29 });
    expect(getLunarDate('2027-02-06')).toMatchObject({ lunarYear: 2027, lunarMon: 1, lunarDay: 1 });
    expect(statutoryHolidays(2027)).toEqual([
      { name: '元旦', days: ['2027-01-01'] },
      { name: '春节', days: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'] },
      { name: '清明节', days: ['2027-04-05'] },
      { name: '劳动节', days: ['2027-05-01', '2027-05-02'] },
      { name: '端午节', days: ['2027-06-09'] },
      { name: '中秋节', days: ['2027-09-15'] },
      { name: '国庆节', days: ['2027-10-01', '2027-10-02', '2027-10-03'] },
    ]);
  });

  it('places the lunar holidays of the pinned years where the notices put them (2024–2026)', () => {
    // 2026 notice: 春节 02-15..23 holds 除夕 02-16 (Mon) .. 初三 02-19; 端午 06-19; 中秋 09-25; 清明 04-05 (Sunday).
    expect(daysOf(2026, '春节')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    expect(daysOf(2026, '端午节')).toEqual(['2026-06-19']);
    expect(daysOf(2026, '中秋节')).toEqual(['2026-09-25']);
    expect(daysOf(2026, '清明节')).toEqual(['2026-04-05']);
    // 2025 (first year of Decree 795): 除夕 01-28, 端午 05-31, 中秋 10-06 (inside the 10-01..08 span).
    expect(daysOf(2025, '春节')[0]).toBe('2025-01-28');
    expect(daysOf(2025, '中秋节')).toEqual(['2025-10-06']);
    expect(daysOf(2025, '劳动节')).toEqual(['2025-05-01', '2025-05-02']);
    // 2024 (Decree 644): 春节 初一 to 初三 only (除夕 02-09 was a working Friday), 劳动节 05-01 only.
    expect(daysOf(2024, '春节')).toEqual(['2024-02-10', '2024-02-11', '2024-02-12']);
    expect(daysOf(2024, '劳动节')).toEqual(['2024-05-01']);
    expect(daysOf(2024, '清明节')).toEqual(['2024-04-04']);
    // The Qingming term falls on 4 or 5 April; 2020–2023 on the 4th, 4th, 5th, 5th (the notices' spans hold them).
    expect([2020, 2021, 2022, 2023].map(qingming)).toEqual([
      '2020-04-04',
      '2021-04-04',
      '2022-04-05',
      '2023-04-05',
    ]);
  });

  it('端午 in a year with a leap fifth month is the regular month’s (2028: 05-28, not the leap 06-27)', () => {
    expect(lunarToSolar(2028, 5, 5)).toBe('2028-05-28');
  });

  it('does not depend on the machine’s time zone (the package’s own functions shift a day west of UTC)', () => {
    // Jest sandboxes the environment, so the module runs in a child process with its zone set: compiled by swc
    // (as Jest does) into a temporary file that resolves luxon and chinese-days from this repository.
    const dir = mkdtempSync(join(tmpdir(), 'procedure-tz-'));
    const file = join(dir, 'statutory-holidays.js');
    const source = readFileSync(join(__dirname, 'statutory-holidays.ts'), 'utf8');
    writeFileSync(
      file,
      transformSync(source, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      }).code,
    );
    const script = `const m = require(${JSON.stringify(file)});
      const c = require('chinese-days');
      console.log(JSON.stringify({ zoneShifts: new Date(Date.UTC(2027, 3, 5)).getDate() !== 5,
        packageQingming: c.getSolarTermDate(2027, 4, 'pure_brightness'),
        qingming: m.qingming(2027), eve: m.lunarNewYearsEve(2027), dragonBoat: m.lunarToSolar(2027, 5, 5) }));`;
    const runIn = (tz: string): Record<string, unknown> =>
      JSON.parse(
        execFileSync(process.execPath, ['-e', script], {
          env: { TZ: tz, NODE_PATH: join(__dirname, '../../../../node_modules') },
          encoding: 'utf8',
        }),
      ) as Record<string, unknown>;
    try {
      const west = runIn('America/New_York');
      // The package itself is a day early there (which is why its result is corrected) ...
      expect(west).toMatchObject({ zoneShifts: true, packageQingming: '2027-04-04' });
      // ... and the holidays come out the same in every zone.
      for (const r of [west, runIn('UTC'), runIn('Asia/Shanghai'), runIn('Pacific/Kiritimati')]) {
        expect(r).toMatchObject({ qingming: '2027-04-05', eve: '2027-02-05', dragonBoat: '2027-06-09' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers only the years handled (2014–2099)', () => {
    expect(() => statutoryHolidays(2013)).toThrow(RangeError);
    expect(() => statutoryHolidays(2100)).toThrow(RangeError);
  });
});
