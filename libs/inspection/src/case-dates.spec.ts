import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkCaseDates, readCaseDatesFile, resolveCaseDates } from './case-dates';

const latest = {
  discoveryDate: '2020-12-10',
  filingDate: '2020-12-24',
  decisionDate: '2021-04-21',
  decisionDateFromClock: false,
};

describe('case dates', () => {
  it('takes stated dates first, then the latest assessment’s, then today flagged as the clock', () => {
    expect(resolveCaseDates({}, null, '2026-11-30')).toEqual({
      discoveryDate: null,
      filingDate: null,
      decisionDate: '2026-11-30',
      decisionDateFromClock: true,
    });
    expect(resolveCaseDates({}, latest, '2026-11-30')).toEqual(latest);
    expect(resolveCaseDates({ decisionDate: '2021-06-01' }, latest, '2026-11-30')).toEqual({
      ...latest,
      decisionDate: '2021-06-01',
    });
    // A date stated unknown (null) clears the inherited one.
    expect(resolveCaseDates({ filingDate: null }, latest, '2026-11-30')).toEqual({
      ...latest,
      filingDate: null,
    });
    // A clock date stays flagged when inherited, so re-running without dates reuses the draft.
    const draft = { ...latest, decisionDate: '2026-11-29', decisionDateFromClock: true };
    expect(resolveCaseDates({}, draft, '2026-11-30')).toEqual(draft);
  });

  it('refuses dates out of the procedure’s order, listing every contradiction', () => {
    expect(() => checkCaseDates(latest)).not.toThrow();
    expect(() => checkCaseDates({ ...latest, filingDate: '2020-12-01', decisionDate: '2020-11-01' })).toThrow(
      /filing date 2020-12-01 is before the discovery date.*decision date 2020-11-01 is before the filing date.*decision date 2020-11-01 is before the discovery date/,
    );
  });

  it('reads case.json of a folder, reporting all its problems at once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'case-dates-'));
    try {
      expect(readCaseDatesFile(dir)).toEqual({});
      writeFileSync(
        path.join(dir, 'case.json'),
        JSON.stringify({ discoveryDate: '2020-12-10', filingDate: null }),
      );
      expect(readCaseDatesFile(dir)).toEqual({ discoveryDate: '2020-12-10', filingDate: null });
      writeFileSync(
        path.join(dir, 'case.json'),
        JSON.stringify({ discoveryDate: '2020-02-30', decisionDate: null, decided: 'yes' }),
      );
      let error: unknown;
      try {
        readCaseDatesFile(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'CASE.DATES_INVALID' });
      const { problems } = (error as { details: { problems: string[] } }).details;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/discoveryDate.*\n.*decisionDate|unknown field "decided"/s);
      expect(problems.some((p) => p.includes('decided'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
