import { availableActions, caseDeadlines } from '../core/engine';
import { PROCEDURE_ERRORS as E } from '../procedure.errors';
import type { CaseRecord, Deadline } from '../procedure.types';
import { CN_SAMR_GENERAL as DEF } from './cn-samr-general';
import {
  FIRM,
  HEAD,
  HOST,
  INSPECTOR_1,
  INSPECTOR_2,
  OTHER_FIRM,
  OTHER_INSPECTOR,
  REVIEWER,
  actor,
  clueCase,
  investigatingCase,
  refusal,
  run,
} from '../fixtures/cn-case.fixture';

/**
 * A whole case on fixed 2026 dates, each deadline computed by hand in the comments (working days per the 2026
 * notice 国办发明电〔2025〕7号: Qingming 04-04..06 and Labour Day 05-01..05 off, Saturday 05-09 worked).
 */

function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

function byId(ds: Deadline[]): Record<string, Deadline> {
  return Object.fromEntries(ds.map((d) => [d.id, d]));
}

describe('cn-samr-general: a case from clue to closure', () => {
  let c: CaseRecord = clueCase();

  it('clue (Mon 03-02): filing due 15 working days later = Mon 03-23 (3–6, 9–13, 16–20, 23)', () => {
    const d = byId(caseDeadlines(DEF, c, '2026-03-02'));
    expect(d.filing).toMatchObject({
      due: '2026-03-23',
      status: 'open',
      counting: 'working-days',
      metOn: null,
    });
    expect(d.filing.basis).toBe('SAMR Penalty Procedure Provisions art. 18(1)');
    expect(d.filing).toMatchObject({
      basisZh: '《市场监督管理行政处罚程序规定》第十八条第一款',
      basisConfidence: 'P',
    });
    // Wed 03-18 → 19, 20, 23 = 3 working days left: near; Tue 03-24: overdue.
    expect(byId(caseDeadlines(DEF, c, '2026-03-17')).filing.status).toBe('open');
    expect(byId(caseDeadlines(DEF, c, '2026-03-18')).filing.status).toBe('near');
    expect(byId(caseDeadlines(DEF, c, '2026-03-24')).filing.status).toBe('overdue');
    expect(availableActions(DEF, c, HEAD, '2026-03-02')).toEqual(['file', 'extend']);
    expect(availableActions(DEF, c, INSPECTOR_1, '2026-03-02')).toEqual([]);
  });

  it('file (Tue 03-10) issues the filing approval; decision due 90 calendar days later = Mon 06-08', () => {
    const t = refusal(c, HEAD, 'file', { date: '2026-03-10' }, '2026-03-10');
    expect(t).toBeUndefined();
    c = run(c, HEAD, 'file', { date: '2026-03-10' }, '2026-03-10');
    expect(c.state).toBe('filed');
    expect(c.steps[0].document).toBe('filing-approval');
    // 03-10 + 21 = 03-31, + 30 = 04-30, + 31 = 05-31, + 8 = 06-08.
    const d = byId(caseDeadlines(DEF, c, '2026-03-10'));
    expect(d.decision).toMatchObject({ due: '2026-06-08', counting: 'calendar-days', status: 'open' });
    expect(d.filing).toMatchObject({ status: 'met', metOn: '2026-03-10' });
  });

  it('assign two certified handlers (03-11) → investigating', () => {
    c = run(
      c,
      HEAD,
      'assign',
      {
        handlers: [
          { actorId: INSPECTOR_1.id, certificateNumber: 'ZJ-0001' },
          { actorId: INSPECTOR_2.id, certificateNumber: 'ZJ-0002' },
        ],
      },
      '2026-03-11',
    );
    expect(c.state).toBe('investigating');
    expect(availableActions(DEF, c, INSPECTOR_1, '2026-03-12')).toEqual(['assign', 'propose']);
    expect(availableActions(DEF, c, OTHER_INSPECTOR, '2026-03-12')).toEqual(['assign']);
  });

  it('propose CNY 250,000 (handler 1, 03-20), then legal review by a non-handler (03-24)', () => {
    c = run(c, INSPECTOR_1, 'propose', { amountMinor: 25_000_000 }, '2026-03-20');
    expect(c.state).toBe('proposed');
    // 250,000 ≥ the CNY 100,000 threshold: notice without review is refused.
    expect(refusal(c, HEAD, 'notify', {}, '2026-03-23')).toMatchObject({
      code: E.PRECONDITION_FAILED,
      details: { basis: 'APL (2021) art. 58(1)' },
    });
    expect(availableActions(DEF, c, REVIEWER, '2026-03-24')).toEqual(['review']);
    c = run(c, REVIEWER, 'review', { outcome: 'approved' }, '2026-03-24');
    expect(c.state).toBe('reviewed');
  });

  it('notify (Wed 04-01): statement and hearing windows end Thu 04-09 (2, 3, [4–6 Qingming], 7, 8, 9)', () => {
    c = run(c, HEAD, 'notify', { date: '2026-04-01' }, '2026-04-01');
    expect(c.state).toBe('notified');
    const step = c.steps[c.steps.length - 1];
    expect(step.document).toBe('penalty-notice');
    expect(step.input).toMatchObject({
      amountMinor: 25_000_000,
      hearingOffered: true,
      largeAmountThresholdMinor: 10_000_000,
      statementLastDay: '2026-04-09',
      hearingRequestLastDay: '2026-04-09',
    });
    const d = byId(caseDeadlines(DEF, c, '2026-04-01'));
    expect(d.statement).toMatchObject({ due: '2026-04-09', status: 'open', holder: 'party' });
    expect(d['hearing-request']).toMatchObject({ due: '2026-04-09', status: 'open', holder: 'party' });
    // Tue 04-07: 8, 9 left = 2 working days → near.
    expect(byId(caseDeadlines(DEF, c, '2026-04-07')).statement.status).toBe('near');
    expect(availableActions(DEF, c, FIRM, '2026-04-07')).toEqual(['defend', 'request-hearing']);
    expect(availableActions(DEF, c, OTHER_FIRM, '2026-04-07')).toEqual([]);
    // The head may not decide while the party's windows are open.
    expect(availableActions(DEF, c, HEAD, '2026-04-07')).toEqual(['no-penalty', 'extend']);
  });

  it('the firm defends (04-07) and requests a hearing (04-08); a request after 04-09 is refused', () => {
    expect(refusal(c, FIRM, 'request-hearing', {}, '2026-04-10')).toMatchObject({
      code: E.WINDOW_CLOSED,
      details: { lastDay: '2026-04-09', basis: 'APL (2021) art. 64(1) with art. 85' },
    });
    c = run(c, FIRM, 'defend', { statement: 'We deleted the templates on 2026-01-05.' }, '2026-04-07');
    expect(c.state).toBe('notified');
    c = run(c, FIRM, 'request-hearing', {}, '2026-04-08');
    expect(c.state).toBe('hearing_requested');
    const d = byId(caseDeadlines(DEF, c, '2026-04-08'));
    expect(d.statement).toMatchObject({ status: 'met', metOn: '2026-04-07' });
    expect(d['hearing-request']).toMatchObject({ status: 'met', metOn: '2026-04-08' });
  });

  it('schedule the hearing (Fri 04-10): not before Tue 04-21 (13–17, 20, 21), host not a handler', () => {
    const base = { date: '2026-04-10', place: 'Room 3', hostId: HOST.id };
    expect(
      refusal(c, HEAD, 'schedule-hearing', { ...base, hearingDate: '2026-04-20' }, '2026-04-10'),
    ).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'hearingDate', earliest: '2026-04-21' },
    });
    expect(
      refusal(
        c,
        HEAD,
        'schedule-hearing',
        { ...base, hearingDate: '2026-04-21', hostId: INSPECTOR_2.id },
        '2026-04-10',
      ),
    ).toMatchObject({ code: E.INVALID_INPUT, details: { field: 'hostId' } });
    c = run(c, HEAD, 'schedule-hearing', { ...base, hearingDate: '2026-04-21' }, '2026-04-10');
    expect(c.state).toBe('hearing_scheduled');
    expect(c.steps[c.steps.length - 1].document).toBe('hearing-notice');
  });

  it('while the hearing is pending the decision clock stands still (Wed 04-15: 7 days stopped → 06-15)', () => {
    const d = byId(caseDeadlines(DEF, c, '2026-04-15'));
    expect(d.decision).toMatchObject({ due: '2026-06-15', suspended: true, status: 'open' });
    expect(d.hearing).toMatchObject({ due: '2026-04-21', status: 'open' });
  });

  it('the host records the hearing (04-21); the 13 days 04-08 → 04-21 are not counted: decision due 06-21', () => {
    expect(refusal(c, OTHER_INSPECTOR, 'record-hearing', { summary: 'x' }, '2026-04-21')).toMatchObject({
      code: E.ROLE_NOT_PERMITTED,
    });
    c = run(c, HOST, 'record-hearing', { summary: 'Party heard; facts not disputed.' }, '2026-04-21');
    expect(c.state).toBe('heard');
    const d = byId(caseDeadlines(DEF, c, '2026-04-21'));
    expect(d.decision).toMatchObject({ due: '2026-06-21', suspended: false });
    expect(d.hearing).toMatchObject({ status: 'met', metOn: '2026-04-21' });
  });

  it('a case that went to a hearing is reviewed again before the decision (APL art. 58)', () => {
    expect(refusal(c, HEAD, 'decide', { amountMinor: 20_000_000 }, '2026-04-22')).toMatchObject({
      code: E.PRECONDITION_FAILED,
      details: { precondition: 'reviewed-after-hearing' },
    });
    c = run(c, REVIEWER, 'review', { outcome: 'approved' }, '2026-04-22');
    expect(c.state).toBe('heard');
  });

  it('decide (Fri 04-24) CNY 200,000: never above the notified 250,000, never by the proposer', () => {
    expect(refusal(c, HEAD, 'decide', { amountMinor: 30_000_000 }, '2026-04-24')).toMatchObject({
      code: E.PRECONDITION_FAILED,
      details: { basis: 'APL (2021) art. 45(2)', notifiedMinor: 25_000_000 },
    });
    const proposerAsHead = actor(INSPECTOR_1.id, ['inspector', 'head'], { certificateNumber: 'ZJ-0001' });
    expect(refusal(c, proposerAsHead, 'decide', { amountMinor: 20_000_000 }, '2026-04-24')).toMatchObject({
      code: E.FOUR_EYES,
    });
    expect(availableActions(DEF, c, proposerAsHead, '2026-04-24')).not.toContain('decide');
    c = run(
      c,
      HEAD,
      'decide',
      { amountMinor: 20_000_000, reason: 'Statement accepted in part' },
      '2026-04-24',
    );
    expect(c.state).toBe('decided');
    expect(c.steps[c.steps.length - 1]).toMatchObject({
      document: 'decision',
      input: { notifiedMinor: 25_000_000 },
    });
  });

  it('service due Fri 05-08 (27–30, [05-01..05 off], 6, 7, 8); publication due Tue 05-26 (incl. make-up Sat 05-09)', () => {
    // Publication: 04-27..30 (4), 05-06..08 (7), 05-09 (8), 11–15 (13), 18–22 (18), 25 (19), 26 (20).
    const d = byId(caseDeadlines(DEF, c, '2026-04-24'));
    expect(d.service).toMatchObject({ due: '2026-05-08', status: 'open' });
    expect(d.publication).toMatchObject({
      due: '2026-05-26',
      status: 'open',
      basis: 'SAMR Penalty Publicity Provisions art. 9',
    });
    expect(d.decision).toMatchObject({ status: 'met', metOn: '2026-04-24' });
  });

  it('serve (04-28), publish (04-30): payment due 15 calendar days after service = 05-13', () => {
    c = run(
      c,
      INSPECTOR_2,
      'serve',
      { date: '2026-04-28', method: 'direct', recipient: 'Legal rep.' },
      '2026-04-28',
    );
    expect(c.state).toBe('served');
    expect(c.steps[c.steps.length - 1].document).toBe('service-receipt');
    c = run(c, INSPECTOR_1, 'publish', { date: '2026-04-30', channel: 'gsxt' }, '2026-04-30');
    expect(refusal(c, HEAD, 'publish', {}, '2026-04-30')).toMatchObject({ code: E.PRECONDITION_FAILED });
    const d = byId(caseDeadlines(DEF, c, '2026-04-30'));
    expect(d.payment).toMatchObject({
      due: '2026-05-13',
      counting: 'calendar-days',
      holder: 'party',
      status: 'open',
    });
    expect(d.publication).toMatchObject({ status: 'met', metOn: '2026-04-30' });
    expect(d.service).toMatchObject({ status: 'met', metOn: '2026-04-28' });
  });

  it('close only after full payment (05-12) → closed with the closing report', () => {
    expect(refusal(c, HEAD, 'close', {}, '2026-05-11')).toMatchObject({
      code: E.PRECONDITION_FAILED,
      details: { precondition: 'paid' },
    });
    expect(
      refusal(
        c,
        INSPECTOR_1,
        'record-payment',
        { date: '2026-05-12', amountMinor: 20_000_001 },
        '2026-05-12',
      ),
    ).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'amountMinor' },
    });
    c = run(c, INSPECTOR_1, 'record-payment', { date: '2026-05-12', amountMinor: 20_000_000 }, '2026-05-12');
    c = run(c, HEAD, 'close', {}, '2026-05-13');
    expect(c.state).toBe('closed');
    expect(c.steps[c.steps.length - 1].document).toBe('closing-report');
    expect(availableActions(DEF, c, HEAD, '2026-05-13')).toEqual([]);
    const d = byId(caseDeadlines(DEF, c, '2026-05-13'));
    expect(Object.values(d).map((x) => [x.id, x.status])).toEqual([
      ['filing', 'met'],
      ['decision', 'met'],
      ['statement', 'met'],
      ['hearing-request', 'met'],
      ['hearing', 'met'],
      ['service', 'met'],
      ['publication', 'met'],
      ['payment', 'met'],
    ]);
    expect(d.payment.metOn).toBe('2026-05-12');
  });
});

describe('cn-samr-general: a small fine without hearing', () => {
  // CNY 50,000 < 100,000: no review needed, no hearing offered.
  function notified(): CaseRecord {
    let c = investigatingCase({
      assessment: { minMinor: 1, maxMinor: 50_000_000, proposedMinor: 5_000_000, currency: 'CNY' },
    });
    c = run(c, INSPECTOR_1, 'propose', { amountMinor: 5_000_000 }, '2026-05-25');
    return run(c, HEAD, 'notify', { date: '2026-06-01' }, '2026-06-01');
  }

  it('offers no hearing and lets the head decide after the statement window (Mon 06-01 + 5 = Mon 06-08)', () => {
    const c = notified();
    expect(c.steps[c.steps.length - 1].input).toMatchObject({
      hearingOffered: false,
      statementLastDay: '2026-06-08',
    });
    expect(byId(caseDeadlines(DEF, c, '2026-06-01'))['hearing-request']).toBeUndefined();
    expect(refusal(c, FIRM, 'request-hearing', {}, '2026-06-02')).toMatchObject({
      code: E.PRECONDITION_FAILED,
      details: { basis: 'APL (2021) art. 63(1)' },
    });
    expect(refusal(c, HEAD, 'decide', { amountMinor: 5_000_000 }, '2026-06-05')).toMatchObject({
      code: E.PRECONDITION_FAILED,
      details: { lastDay: '2026-06-08', precondition: 'party-heard' },
    });
    expect(refusal(c, HEAD, 'decide', { amountMinor: 5_000_000 }, '2026-06-09')).toBeUndefined();
    expect(refusal(c, FIRM, 'defend', { statement: 'late' }, '2026-06-09')).toMatchObject({
      code: E.WINDOW_CLOSED,
      details: { lastDay: '2026-06-08' },
    });
    expect(byId(caseDeadlines(DEF, c, '2026-06-09')).statement.status).toBe('overdue');
  });

  it('a defence answers the window: the head may decide at once', () => {
    const c = run(notified(), FIRM, 'defend', { statement: 'We accept.' }, '2026-06-03');
    expect(availableActions(DEF, c, HEAD, '2026-06-04')).toContain('decide');
  });

  it('a heavy case is decided by collective discussion (APL art. 57(2))', () => {
    const c = { ...notified(), flags: { heavy: true } };
    expect(refusal(c, HEAD, 'decide', { amountMinor: 5_000_000 }, '2026-06-09')).toMatchObject({
      code: E.PRECONDITION_FAILED,
      details: { field: 'collectiveDiscussion', basis: 'APL (2021) art. 57(2)' },
    });
    expect(
      refusal(c, HEAD, 'decide', { amountMinor: 5_000_000, collectiveDiscussion: true }, '2026-06-09'),
    ).toBeUndefined();
  });
});

describe('cn-samr-general: exits and extensions', () => {
  it('a party that states and expressly waives the hearing lets the head decide before the window ends (APL art. 62)', () => {
    let c = run(investigatingCase(), INSPECTOR_1, 'propose', { amountMinor: 25_000_000 }, '2026-03-20');
    c = run(c, REVIEWER, 'review', { outcome: 'approved' }, '2026-03-23');
    c = run(c, HEAD, 'notify', {}, '2026-03-24');
    // Statement only: the hearing window (03-31) still holds the decision back.
    const stated = run(c, FIRM, 'defend', { statement: 'We accept the facts.' }, '2026-03-25');
    expect(refusal(stated, HEAD, 'decide', { amountMinor: 25_000_000 }, '2026-03-26')).toMatchObject({
      code: E.PRECONDITION_FAILED,
      details: { lastDay: '2026-03-31' },
    });
    const waived = run(c, FIRM, 'defend', { statement: 'We accept.', waiveHearing: true }, '2026-03-25');
    expect(refusal(waived, HEAD, 'decide', { amountMinor: 25_000_000 }, '2026-03-26')).toBeUndefined();
  });

  it('no penalty from investigation issues the no-penalty decision and meets the decision deadline', () => {
    const c = run(
      investigatingCase(),
      HEAD,
      'no-penalty',
      { reason: 'First violation, corrected', basis: 'APL 33(1)' },
      '2026-03-20',
    );
    expect(c.state).toBe('no_penalty');
    expect(c.steps[c.steps.length - 1].document).toBe('no-penalty-decision');
    expect(byId(caseDeadlines(DEF, c, '2026-03-20')).decision).toMatchObject({
      status: 'met',
      metOn: '2026-03-20',
    });
    expect(availableActions(DEF, c, HEAD, '2026-03-20')).toEqual([]);
  });

  it('after a no-penalty decision the party’s unused windows are no longer listed', () => {
    let c = run(investigatingCase(), INSPECTOR_1, 'propose', { amountMinor: 25_000_000 }, '2026-03-20');
    c = run(c, REVIEWER, 'review', { outcome: 'approved' }, '2026-03-23');
    c = run(c, HEAD, 'notify', {}, '2026-03-24');
    expect(byId(caseDeadlines(DEF, c, '2026-03-25')).statement.status).toBe('open');
    c = run(c, HEAD, 'no-penalty', { reason: 'Facts not established' }, '2026-03-25');
    expect(caseDeadlines(DEF, c, '2026-03-25').map((d) => [d.id, d.status])).toEqual([
      ['filing', 'met'],
      ['decision', 'met'],
    ]);
  });

  it('withdraw a filed case: the decision deadline no longer applies', () => {
    const filed = run(clueCase(), HEAD, 'file', {}, '2026-03-10');
    const c = run(filed, HEAD, 'withdraw', { reason: 'Not within our jurisdiction after all' }, '2026-03-12');
    expect(c.state).toBe('withdrawn');
    expect(c.steps[c.steps.length - 1].document).toBe('withdrawal');
    expect(byId(caseDeadlines(DEF, c, '2026-03-12')).decision).toBeUndefined();
    expect(refusal(filed, HEAD, 'withdraw', {}, '2026-03-12')).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'reason' },
    });
  });

  it('transfer an investigated case to the police with the recipient named', () => {
    const c = run(
      investigatingCase(),
      HEAD,
      'transfer',
      { reason: 'Suspected crime', recipientAuthority: '宁波市公安局' },
      '2026-03-20',
    );
    expect(c).toMatchObject({ state: 'transferred' });
    expect(c.steps[c.steps.length - 1]).toMatchObject({
      document: 'transfer',
      input: { recipientAuthority: '宁波市公安局' },
    });
  });

  it('a returned review sends the case back to investigation', () => {
    let c = run(investigatingCase(), INSPECTOR_1, 'propose', { amountMinor: 25_000_000 }, '2026-03-20');
    c = run(c, REVIEWER, 'review', { outcome: 'returned', note: 'Evidence of dates missing' }, '2026-03-23');
    expect(c.state).toBe('investigating');
  });

  it('extend the decision period once by up to 30 days (06-08 → 07-08)', () => {
    let c = investigatingCase();
    expect(refusal(c, HEAD, 'extend', { days: 31, reason: 'complex' }, '2026-05-01')).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'days', max: 30 },
    });
    c = run(c, HEAD, 'extend', { days: 30, reason: 'Expert appraisal pending' }, '2026-05-01');
    expect(byId(caseDeadlines(DEF, c, '2026-05-01')).decision.due).toBe('2026-07-08');
    expect(refusal(c, HEAD, 'extend', { days: 10, reason: 'again' }, '2026-05-02')).toMatchObject({
      code: E.PRECONDITION_FAILED,
    });
  });

  it('extend the filing period by 15 working days before filing (03-23 → 04-14, Qingming skipped)', () => {
    // 03-23 + 15 working days: 24–27 (4), 30, 31, 04-01..03 (9), [04-04..06 off], 7–10 (13), 13, 14 (15).
    const c = run(
      clueCase(),
      HEAD,
      'extend',
      { days: 15, reason: 'Material from another bureau awaited' },
      '2026-03-20',
    );
    expect(c.state).toBe('clue');
    expect(byId(caseDeadlines(DEF, c, '2026-03-20')).filing.due).toBe('2026-04-14');
  });
});

describe('cn-samr-general: refusals', () => {
  it('a decision deadline in 2027 (calendar days) is listed today without the 2027 holiday notice', () => {
    // Clue Fri 2026-11-20 + 15 working days = Fri 12-11 (23–27, 30, 12-01..04, 7–11); filed Mon 11-30 + 90 days
    // = 2027-02-28 (11-30 + 31 = 12-31, + 31 = 01-31, + 28 = 02-28).
    const c = run(
      clueCase({ clueDate: '2026-11-20', discoveryDate: '2026-11-20' }),
      HEAD,
      'file',
      {},
      '2026-11-30',
    );
    const d = byId(caseDeadlines(DEF, c, '2026-11-30'));
    expect(d.filing).toMatchObject({ due: '2026-12-11', status: 'met' });
    expect(d.decision).toMatchObject({ due: '2027-02-28', status: 'open' });
  });

  it('UNKNOWN_ACTION', () => {
    expect(refusal(clueCase(), HEAD, 'appeal', {}, '2026-03-02')?.code).toBe(E.UNKNOWN_ACTION);
  });

  it('NOT_ALLOWED_IN_STATE', () => {
    expect(refusal(clueCase(), HEAD, 'decide', { amountMinor: 1 }, '2026-03-02')).toMatchObject({
      code: E.NOT_ALLOWED_IN_STATE,
      details: { state: 'clue', allowedFrom: ['notified', 'heard'] },
    });
  });

  it('ROLE_NOT_PERMITTED: an inspector files; an inspector who is not a handler proposes; another firm defends', () => {
    expect(refusal(clueCase(), INSPECTOR_1, 'file', {}, '2026-03-02')?.code).toBe(E.ROLE_NOT_PERMITTED);
    expect(
      refusal(investigatingCase(), OTHER_INSPECTOR, 'propose', { amountMinor: 25_000_000 }, '2026-03-20')
        ?.code,
    ).toBe(E.ROLE_NOT_PERMITTED);
  });

  it('FOUR_EYES: the proposer reviews even as legal reviewer; a handler reviews', () => {
    const c = run(investigatingCase(), INSPECTOR_1, 'propose', { amountMinor: 25_000_000 }, '2026-03-20');
    const proposerReviewer = actor(INSPECTOR_1.id, ['inspector', 'legal_reviewer']);
    expect(refusal(c, proposerReviewer, 'review', { outcome: 'approved' }, '2026-03-23')?.code).toBe(
      E.FOUR_EYES,
    );
    const handlerReviewer = actor(INSPECTOR_2.id, ['inspector', 'legal_reviewer']);
    expect(refusal(c, handlerReviewer, 'review', { outcome: 'approved' }, '2026-03-23')?.code).toBe(
      E.FOUR_EYES,
    );
    expect(availableActions(DEF, c, handlerReviewer, '2026-03-23')).toEqual([]);
  });

  it('INVALID_INPUT: one handler; a handler without certificate; an amount outside the range; a reason missing', () => {
    const filed = run(clueCase(), HEAD, 'file', {}, '2026-03-10');
    expect(
      refusal(filed, HEAD, 'assign', { handlers: [{ actorId: 'a', certificateNumber: 'C1' }] }, '2026-03-10'),
    ).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'handlers' },
    });
    expect(
      refusal(
        filed,
        HEAD,
        'assign',
        { handlers: [{ actorId: 'a', certificateNumber: 'C1' }, { actorId: 'b' }] },
        '2026-03-10',
      ),
    ).toMatchObject({ code: E.INVALID_INPUT, details: { field: 'handlers' } });
    const c = investigatingCase();
    expect(
      refusal(c, INSPECTOR_1, 'propose', { amountMinor: 60_000_000, reason: 'x' }, '2026-03-20'),
    ).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'amountMinor', maxMinor: 50_000_000 },
    });
    expect(refusal(c, INSPECTOR_1, 'propose', { amountMinor: 20_000_000 }, '2026-03-20')).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'reason' },
    });
    expect(refusal(c, INSPECTOR_1, 'propose', { amountMinor: '250000.00' }, '2026-03-20')).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'amountMinor' },
    });
  });

  it('INVALID_INPUT: a step dated in the future or before the latest step', () => {
    expect(refusal(clueCase(), HEAD, 'file', { date: '2026-03-11' }, '2026-03-10')).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'date' },
    });
    let c = investigatingCase({
      assessment: { minMinor: 1, maxMinor: 50_000_000, proposedMinor: 5_000_000, currency: 'CNY' },
    });
    c = run(c, INSPECTOR_1, 'propose', { amountMinor: 5_000_000 }, '2026-03-20');
    expect(refusal(c, HEAD, 'notify', { date: '2026-03-19' }, '2026-03-23')).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'date', latest: '2026-03-20' },
    });
    expect(refusal(c, HEAD, 'notify', { date: '2026-02-30' }, '2026-03-23')).toMatchObject({
      code: E.INVALID_INPUT,
      details: { field: 'date' },
    });
  });

  it('an inspector assigns only a team he belongs to', () => {
    const filed = run(clueCase(), HEAD, 'file', {}, '2026-03-10');
    const team = [
      { actorId: INSPECTOR_1.id, certificateNumber: 'ZJ-0001' },
      { actorId: INSPECTOR_2.id, certificateNumber: 'ZJ-0002' },
    ];
    expect(refusal(filed, OTHER_INSPECTOR, 'assign', { handlers: team }, '2026-03-10')?.code).toBe(
      E.PRECONDITION_FAILED,
    );
    expect(refusal(filed, INSPECTOR_1, 'assign', { handlers: team }, '2026-03-10')).toBeUndefined();
  });

  it('LIMITATION_EXPIRED: conduct ended 2023-01-10, discovered 2026-03-02 (> 2025-01-10); five years with harm to health', () => {
    const old = clueCase({ conductEndDate: '2023-01-10' });
    expect(refusal(old, HEAD, 'file', {}, '2026-03-10')).toMatchObject({
      code: E.LIMITATION_EXPIRED,
      details: { lastDay: '2025-01-10', years: 2, basis: 'APL (2021) art. 36(1)' },
    });
    expect(availableActions(DEF, old, HEAD, '2026-03-10')).toEqual(['extend']);
    expect(
      refusal({ ...old, flags: { lifeHealthFinancial: true } }, HEAD, 'file', {}, '2026-03-10'),
    ).toBeUndefined();
    expect(refusal(clueCase({ conductEndDate: null }), HEAD, 'file', {}, '2026-03-10')?.code).toBe(
      E.PRECONDITION_FAILED,
    );
  });

  it('CALENDAR_NOT_COVERED: a clue registered before the first pinned notice (2019)', () => {
    expect(
      thrownCode(() =>
        caseDeadlines(DEF, clueCase({ clueDate: '2019-12-20', discoveryDate: '2019-12-20' }), '2019-12-20'),
      ),
    ).toBe(E.CALENDAR_NOT_COVERED);
  });

  it('a refusal on a malformed today', () => {
    expect(thrownCode(() => availableActions(DEF, clueCase(), HEAD, '30.11.2026'))).toBe(E.INVALID_INPUT);
  });
});
