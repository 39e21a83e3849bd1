import { availableActions, caseDeadlines } from '../core/engine';
import { PROCEDURE_ERRORS as E } from '../procedure.errors';
import type { CaseRecord, Deadline } from '../procedure.types';
import { CN_SAMR_GENERAL as DEF } from './cn-samr-general';
import {
  FIRM,
  HEAD,
  HOST,
  INSPECTOR_1,
  REVIEWER,
  clueCase,
  investigatingCase,
  refusal,
  run,
} from '../fixtures/cn-case.fixture';

/**
 * Cases whose windows run past the last pinned holiday notice (2026) into 2027, counted provisionally: weekends
 * plus the statutory holidays of Decree 795 (New Year 2027-01-01; 除夕 2027-02-05 to 初三 02-08). The party is
 * accepted up to the safe bound (the provisional last day plus the most bridging days any 2020–2026 notice gave that
 * holiday: 1 for New Year, 5 for the Spring Festival), and the head waits for it before deciding.
 */

function byId(ds: Deadline[]): Record<string, Deadline> {
  return Object.fromEntries(ds.map((d) => [d.id, d]));
}

/** CNY 250,000 with a hearing offered, reviewed 12-21, notified Mon 2026-12-28. */
function notifiedOverNewYear(): CaseRecord {
  let c = investigatingCase();
  c = run(c, INSPECTOR_1, 'propose', { amountMinor: 25_000_000 }, '2026-12-18');
  c = run(c, REVIEWER, 'review', { outcome: 'approved' }, '2026-12-21');
  return run(c, HEAD, 'notify', { date: '2026-12-28' }, '2026-12-28');
}

/** CNY 50,000, no hearing, notified Mon 2027-02-01, the week of the Spring Festival. */
function notifiedBeforeSpringFestival(): CaseRecord {
  let c = investigatingCase({
    assessment: { minMinor: 1, maxMinor: 50_000_000, proposedMinor: 5_000_000, currency: 'CNY' },
  });
  c = run(c, INSPECTOR_1, 'propose', { amountMinor: 5_000_000 }, '2027-01-25');
  return run(c, HEAD, 'notify', { date: '2027-02-01' }, '2027-02-01');
}

describe('cn-samr-general beyond the last holiday notice (provisional 2027)', () => {
  it('a clue of Mon 2026-12-14: the filing deadline runs into 2027 and is listed, provisional, not refused', () => {
    const c = clueCase({ clueDate: '2026-12-14', discoveryDate: '2026-12-14' });
    // 15 working days: 15–18 (4), 21–25 (9), 28–31 (13), [01-01], Mon 01-04, Tue 01-05.
    expect(byId(caseDeadlines(DEF, c, '2026-12-14')).filing).toMatchObject({
      due: '2027-01-05',
      status: 'open',
      holder: 'authority',
      provisional: true,
      missingNoticeYears: [2027],
    });
    expect(byId(caseDeadlines(DEF, c, '2026-12-14')).filing.provisionalReason).toContain('2027');
    expect(availableActions(DEF, c, HEAD, '2026-12-14')).toEqual(['file', 'extend']);
  });

  it('a confirmed deadline says so (a March 2026 clue)', () => {
    expect(byId(caseDeadlines(DEF, clueCase(), '2026-03-02')).filing).toMatchObject({
      provisional: false,
      provisionalReason: null,
      missingNoticeYears: [],
    });
  });

  it('notice Mon 2026-12-28: windows end Tue 2027-01-05 provisionally (29, 30, 31, [01-01], 04, 05), accepted until 01-06', () => {
    const c = notifiedOverNewYear();
    expect(c.steps[c.steps.length - 1].input).toMatchObject({
      hearingOffered: true,
      statementLastDay: '2027-01-05',
      statementLastDayProvisional: true,
      statementLastDayAcceptedUntil: '2027-01-06',
      hearingRequestLastDay: '2027-01-05',
      hearingRequestLastDayProvisional: true,
      hearingRequestLastDayAcceptedUntil: '2027-01-06',
    });
    const d = byId(caseDeadlines(DEF, c, '2026-12-28'));
    for (const id of ['statement', 'hearing-request']) {
      expect(d[id]).toMatchObject({
        due: '2027-01-05',
        acceptedUntil: '2027-01-06',
        provisional: true,
        missingNoticeYears: [2027],
        holder: 'party',
        status: 'open',
      });
    }
    // The decision time limit is in calendar days and needs no holiday table.
    expect(d.decision).toMatchObject({ counting: 'calendar-days', provisional: false });
  });

  it('December 2026: the party’s and the head’s actions are listed again (they were dropped for the 2027 gap)', () => {
    const c = notifiedOverNewYear();
    expect(availableActions(DEF, c, FIRM, '2026-12-30')).toEqual(['defend', 'request-hearing']);
    // The head may not decide while the party may still act (up to the accepted-until day).
    expect(availableActions(DEF, c, HEAD, '2026-12-30')).toEqual(['no-penalty', 'extend']);
    expect(availableActions(DEF, c, HEAD, '2027-01-06')).toEqual(['no-penalty', 'extend']);
    expect(availableActions(DEF, c, HEAD, '2027-01-07')).toEqual(['decide', 'no-penalty', 'extend']);
  });

  it('a late defence on the provisional window is accepted up to 01-06 and refused after', () => {
    const c = notifiedOverNewYear();
    expect(
      refusal(c, FIRM, 'defend', { statement: 'one day after the provisional last day' }, '2027-01-06'),
    ).toBeUndefined();
    expect(byId(caseDeadlines(DEF, c, '2027-01-06')).statement.status).toBe('near');
    expect(refusal(c, FIRM, 'defend', { statement: 'too late' }, '2027-01-07')).toMatchObject({
      code: E.WINDOW_CLOSED,
      details: { lastDay: '2027-01-05', provisional: true, acceptedUntil: '2027-01-06' },
    });
    expect(refusal(c, FIRM, 'request-hearing', {}, '2027-01-07')).toMatchObject({
      code: E.WINDOW_CLOSED,
      details: { lastDay: '2027-01-05', acceptedUntil: '2027-01-06' },
    });
    expect(byId(caseDeadlines(DEF, c, '2027-01-07')).statement.status).toBe('overdue');
    // The head's decision is not held back by the deadline itself once the party's bound passed.
    expect(refusal(c, HEAD, 'decide', { amountMinor: 25_000_000 }, '2027-01-06')).toMatchObject({
      code: E.PRECONDITION_FAILED,
      details: { precondition: 'party-heard', lastDay: '2027-01-06' },
    });
  });

  it('the hearing notice’s seven working days use the party’s safe bound when provisional', () => {
    let c = run(notifiedOverNewYear(), FIRM, 'request-hearing', {}, '2026-12-29');
    // Notice Wed 12-30 + 7: 31, [01-01], 04, 05, 06, 07, 08, 11 → Mon 01-11; + 1 for New Year → Tue 01-12.
    const base = { date: '2026-12-30', place: 'Room 3', hostId: HOST.id };
    expect(
      refusal(c, HEAD, 'schedule-hearing', { ...base, hearingDate: '2027-01-11' }, '2026-12-30'),
    ).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'hearingDate', earliest: '2027-01-12' },
    });
    c = run(c, HEAD, 'schedule-hearing', { ...base, hearingDate: '2027-01-12' }, '2026-12-30');
    expect(c.state).toBe('hearing_scheduled');
  });

  it('notice Mon 2027-02-01: window ends Wed 02-10 over 除夕 02-05..初三 02-08; accepted until Wed 02-17 (+5)', () => {
    const c = notifiedBeforeSpringFestival();
    const d = byId(caseDeadlines(DEF, c, '2027-02-01'));
    expect(d.statement).toMatchObject({
      due: '2027-02-10',
      acceptedUntil: '2027-02-17',
      provisional: true,
      missingNoticeYears: [2027],
    });
    expect(d['hearing-request']).toBeUndefined();
    expect(availableActions(DEF, c, FIRM, '2027-02-01')).toEqual(['defend']);
    // Wed 02-17 (five working days after the provisional last day): accepted; Thu 02-18: refused.
    expect(refusal(c, FIRM, 'defend', { statement: 'after the holiday' }, '2027-02-17')).toBeUndefined();
    expect(refusal(c, FIRM, 'defend', { statement: 'too late' }, '2027-02-18')).toMatchObject({
      code: E.WINDOW_CLOSED,
      details: { lastDay: '2027-02-10', acceptedUntil: '2027-02-17' },
    });
    expect(refusal(c, HEAD, 'decide', { amountMinor: 5_000_000 }, '2027-02-17')?.code).toBe(
      E.PRECONDITION_FAILED,
    );
    expect(refusal(c, HEAD, 'decide', { amountMinor: 5_000_000 }, '2027-02-18')).toBeUndefined();
  });

  it('a provisional window clear of any holiday has no margin, and its refusal still says provisional', () => {
    let c = investigatingCase({
      assessment: { minMinor: 1, maxMinor: 50_000_000, proposedMinor: 5_000_000, currency: 'CNY' },
    });
    c = run(c, INSPECTOR_1, 'propose', { amountMinor: 5_000_000 }, '2027-02-24');
    c = run(c, HEAD, 'notify', { date: '2027-03-01' }, '2027-03-01');
    // Mon 03-01 + 5 = Mon 03-08; no statutory holiday within 5 days of the window: accepted until 03-08.
    expect(byId(caseDeadlines(DEF, c, '2027-03-01')).statement).toMatchObject({
      due: '2027-03-08',
      acceptedUntil: '2027-03-08',
      provisional: true,
    });
    expect(refusal(c, FIRM, 'defend', { statement: 'late' }, '2027-03-09')).toMatchObject({
      code: E.WINDOW_CLOSED,
      details: { lastDay: '2027-03-08', provisional: true, acceptedUntil: '2027-03-08' },
    });
  });

  it('the bureau’s own provisional deadlines warn but never refuse its actions (service after a decision in 2027)', () => {
    let c = notifiedBeforeSpringFestival();
    c = run(c, HEAD, 'decide', { date: '2027-02-18', amountMinor: 5_000_000 }, '2027-02-18');
    // Thu 02-18 + 7 = 19, 22, 23, 24, 25, 26, Mon 03-01: provisional.
    expect(byId(caseDeadlines(DEF, c, '2027-02-18')).service).toMatchObject({
      due: '2027-03-01',
      holder: 'authority',
      provisional: true,
    });
    expect(byId(caseDeadlines(DEF, c, '2027-02-18')).service.acceptedUntil).toBeUndefined();
    // Served late, after the provisional due day: recorded, lateness visible.
    c = run(
      c,
      HEAD,
      'serve',
      { date: '2027-03-03', method: 'direct', recipient: 'Legal rep.' },
      '2027-03-03',
    );
    expect(byId(caseDeadlines(DEF, c, '2027-03-03')).service).toMatchObject({
      status: 'met',
      metOn: '2027-03-03',
    });
  });
});
