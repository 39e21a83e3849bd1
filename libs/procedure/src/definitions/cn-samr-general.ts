import { PROCEDURE_ERRORS } from '../procedure.errors';
import type {
  ActionContext,
  ActionDefinition,
  Citation,
  Precondition,
  PreconditionFailure,
  ProcedureDefinition,
  StateDefinition,
  Text2,
} from '../core/definition.types';
import {
  flagIn,
  isHandler,
  lastStep,
  lastStepAfter,
  numberIn,
  proposerId,
  stepsAfter,
  stepsOf,
  stringIn,
} from '../core/case-facts';
import { PRC_WORKING_CALENDAR } from '../calendar/working-days';
import { CN_PARAMETERS, CN_PARAMETER_IDS as P } from './cn-parameters';
import { CN_PROCEDURE_SOURCES } from './cn-sources';
import { APL, SAMR } from './cn-citations';
import { CN_DEADLINES } from './cn-deadlines';
import {
  days,
  decision,
  hearingRequestAcceptedUntil,
  hearingRequestLastDay,
  largeAmountThreshold,
  latestNotice,
  paidInFullOn,
  paidTotal,
  proposedAmount,
  publication,
  reviewRequiredBeforeNotice,
  statementAcceptedUntil,
  statementLastDay,
} from './cn-facts';
import { amountMinor, day, invalid, stepDate, text, withNote } from './cn-inputs';

/**
 * The general (ordinary) procedure of administrative penalties in market regulation (市场监督管理行政处罚普通程序):
 * APL 2021 with the SAMR procedure provisions, hearing measures and publicity rules. docs/procedure.md draws it.
 */

// ------------------------------------------------------------------------------------------------- states
const STATES: readonly StateDefinition[] = [
  { id: 'clue', label: { zh: '线索核查', en: 'Clue' }, terminal: false },
  { id: 'filed', label: { zh: '已立案', en: 'Filed' }, terminal: false },
  { id: 'investigating', label: { zh: '调查取证', en: 'Investigating' }, terminal: false },
  { id: 'proposed', label: { zh: '拟处罚意见', en: 'Penalty proposed' }, terminal: false },
  { id: 'reviewed', label: { zh: '法制审核通过', en: 'Legally reviewed' }, terminal: false },
  { id: 'notified', label: { zh: '已告知', en: 'Party notified' }, terminal: false },
  { id: 'hearing_requested', label: { zh: '已申请听证', en: 'Hearing requested' }, terminal: false },
  { id: 'hearing_scheduled', label: { zh: '已通知听证', en: 'Hearing scheduled' }, terminal: false },
  { id: 'heard', label: { zh: '听证结束', en: 'Heard' }, terminal: false },
  { id: 'decided', label: { zh: '已作出处罚决定', en: 'Decided' }, terminal: false },
  { id: 'served', label: { zh: '已送达', en: 'Served' }, terminal: false },
  { id: 'closed', label: { zh: '已结案', en: 'Closed' }, terminal: true },
  { id: 'no_penalty', label: { zh: '不予行政处罚', en: 'No penalty' }, terminal: true },
  { id: 'withdrawn', label: { zh: '已撤销立案', en: 'Withdrawn' }, terminal: true },
  { id: 'transferred', label: { zh: '已移送', en: 'Transferred' }, terminal: true },
];

/** Open states before the decision (no-penalty and extend apply in them). */
const BEFORE_DECISION = [
  'filed',
  'investigating',
  'proposed',
  'reviewed',
  'notified',
  'hearing_requested',
  'hearing_scheduled',
  'heard',
] as const;

// ------------------------------------------------------------------------------------------ preconditions
function pre(
  id: string,
  description: Text2,
  code: Precondition['code'],
  basis: Citation,
  usesInput: boolean,
  check: (ctx: ActionContext) => PreconditionFailure | null,
): Precondition {
  return { id, description, code, basis, usesInput, check };
}

const ownCase = pre(
  'own-case',
  { zh: '仅限本案当事人', en: 'Only the party of the case' },
  PROCEDURE_ERRORS.ROLE_NOT_PERMITTED,
  APL.notice,
  false,
  ({ record, actor }) =>
    actor.firmCreditCode === record.firmCreditCode
      ? null
      : { message: 'only the party of this case may do this' },
);

const notTheProposer = (what: string, basis: Citation): Precondition =>
  pre(
    'not-the-proposer',
    { zh: '拟处罚意见的提出人不得审核或决定', en: 'The proposer may not review or decide his own proposal' },
    PROCEDURE_ERRORS.FOUR_EYES,
    basis,
    false,
    ({ record, actor }) =>
      proposerId(record) === actor.id
        ? { message: `the proposer of the penalty may not ${what} it`, details: { proposerId: actor.id } }
        : null,
  );

// ------------------------------------------------------------------------------------------------ actions
type Parsed = Record<string, unknown>;

function action(a: Omit<ActionDefinition, 'effectiveDate'> & { dated?: boolean }): ActionDefinition {
  const { dated, ...rest } = a;
  return {
    ...rest,
    effectiveDate: (ctx) => (dated ? ((ctx.input.date as string | undefined) ?? ctx.today) : ctx.today),
  };
}

const same = (ctx: ActionContext): string => ctx.record.state;

const FILE = action({
  name: 'file',
  label: { zh: '立案', en: 'File the case' },
  from: ['clue'],
  toStates: ['filed'],
  to: () => 'filed',
  permits: [{ role: 'head' }],
  dated: true,
  parseInput: (raw, ctx) => withNote(raw, { date: stepDate(raw, ctx, false) }),
  preconditions: [
    pre(
      'conduct-end-known',
      {
        zh: '立案时须载明违法行为终了日期以核查追责时效',
        en: 'The conduct’s last day must be known to check the limitation',
      },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      SAMR.filingConditions,
      false,
      ({ record }) =>
        record.conductEndDate
          ? null
          : { message: 'the case has no conductEndDate: the limitation cannot be checked' },
    ),
    pre(
      'within-limitation',
      { zh: '违法行为在追责时效内被发现', en: 'The conduct was discovered within the limitation period' },
      PROCEDURE_ERRORS.LIMITATION_EXPIRED,
      APL.limitation,
      false,
      ({ def, record }) => {
        const end = record.conductEndDate as string;
        const discovered = record.discoveryDate ?? record.clueDate;
        const id = record.flags?.lifeHealthFinancial
          ? P.limitationYearsLifeHealthFinancial
          : P.limitationYears;
        const years = days(def, id, discovered < '2021-07-15' ? '2021-07-15' : discovered);
        const lastDay = def.calendar.addYears(end, years);
        return discovered > lastDay
          ? {
              message: `discovered ${discovered}, after the ${years}-year limitation ended on ${lastDay}`,
              details: { conductEndDate: end, discoveryDate: discovered, lastDay, years },
            }
          : null;
      },
    ),
  ],
  document: 'filing-approval',
  opens: ['decision'],
  meets: ['filing'],
  basis: [SAMR.filing, SAMR.filingConditions, APL.filing],
});

const ASSIGN = action({
  name: 'assign',
  label: { zh: '指定办案人员', en: 'Assign the handlers' },
  from: ['filed', 'investigating'],
  toStates: ['investigating'],
  to: () => 'investigating',
  permits: [{ role: 'head' }, { role: 'inspector' }],
  parseInput: (raw) => {
    const list = raw.handlers;
    if (!Array.isArray(list))
      throw invalid('handlers', 'handlers must be a list of {actorId, certificateNumber}');
    const handlers = list.map((h: unknown, i) => {
      const o = (h ?? {}) as Record<string, unknown>;
      const actorId = typeof o.actorId === 'string' && o.actorId.trim() ? o.actorId.trim() : null;
      const cert =
        typeof o.certificateNumber === 'string' && o.certificateNumber.trim()
          ? o.certificateNumber.trim()
          : null;
      if (!actorId) throw invalid('handlers', `handlers[${i}].actorId is required`);
      if (!cert) {
        throw invalid('handlers', `handlers[${i}] has no enforcement certificate number`, {
          basis: APL.twoOfficers.label.en,
        });
      }
      return { actorId, certificateNumber: cert };
    });
    if (new Set(handlers.map((h) => h.actorId)).size !== handlers.length) {
      throw invalid('handlers', 'a handler is listed twice');
    }
    if (handlers.length < 2) {
      throw invalid('handlers', 'at least two handlers with enforcement certificates are required', {
        basis: APL.twoOfficers.label.en,
      });
    }
    return withNote(raw, { handlers });
  },
  preconditions: [
    pre(
      'inspector-assigns-himself',
      {
        zh: '执法人员只能指定包括本人在内的办案人员',
        en: 'An inspector may only assign a team he belongs to',
      },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      SAMR.handlers,
      true,
      ({ actor, input }) => {
        if (actor.roles.includes('head')) return null;
        const list = input.handlers as { actorId: string }[];
        return list.some((h) => h.actorId === actor.id)
          ? null
          : { message: 'an inspector who is not the head may only assign himself plus at least one more' };
      },
    ),
  ],
  document: null,
  opens: [],
  meets: [],
  basis: [APL.twoOfficers, SAMR.handlers],
});

const PROPOSE = action({
  name: 'propose',
  label: { zh: '提出拟处罚意见', en: 'Propose the penalty' },
  from: ['investigating'],
  toStates: ['proposed'],
  to: () => 'proposed',
  permits: [{ role: 'inspector', handlerOnly: true }],
  parseInput: (raw, ctx) => {
    const amount = amountMinor(raw);
    const reason = text(raw, 'reason', false);
    const a = ctx.record.assessment;
    if (a && (amount < a.minMinor || amount > a.maxMinor)) {
      throw invalid(
        'amountMinor',
        `the amount must lie in the legal range [${a.minMinor}, ${a.maxMinor}] fen`,
        {
          minMinor: a.minMinor,
          maxMinor: a.maxMinor,
        },
      );
    }
    if (a && amount !== a.proposedMinor && reason === undefined) {
      throw invalid('reason', 'a reason is required when the amount differs from the assessment', {
        assessedMinor: a.proposedMinor,
      });
    }
    return withNote(raw, reason === undefined ? { amountMinor: amount } : { amountMinor: amount, reason });
  },
  preconditions: [
    pre(
      'assessed',
      { zh: '须有罚款测算结果', en: 'The case must have a penalty assessment' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.proportionality,
      false,
      ({ record }) => (record.assessment ? null : { message: 'the case has no penalty assessment yet' }),
    ),
    pre(
      'two-certified-handlers',
      { zh: '两名以上持证执法人员', en: 'At least two handlers with enforcement certificates' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.twoOfficers,
      false,
      ({ record }) =>
        record.handlers.filter((h) => h.certificateNumber).length >= 2
          ? null
          : { message: 'fewer than two handlers hold enforcement certificates' },
    ),
  ],
  document: null,
  opens: [],
  meets: [],
  basis: [APL.proportionality],
});

const REVIEW = action({
  name: 'review',
  label: { zh: '法制审核', en: 'Legal review' },
  from: ['proposed', 'heard'],
  toStates: ['reviewed', 'heard', 'investigating'],
  to: (ctx) =>
    ctx.input.outcome === 'returned' ? 'investigating' : ctx.record.state === 'heard' ? 'heard' : 'reviewed',
  permits: [{ role: 'legal_reviewer' }],
  parseInput: (raw) => {
    const outcome = raw.outcome;
    if (outcome !== 'approved' && outcome !== 'returned') {
      throw invalid('outcome', "outcome must be 'approved' or 'returned'");
    }
    return withNote(raw, { outcome });
  },
  preconditions: [
    notTheProposer('review', APL.legalReview),
    pre(
      'reviewer-not-handler',
      { zh: '法制审核人员不得为本案调查人员', en: 'The legal reviewer may not be a handler of the case' },
      PROCEDURE_ERRORS.FOUR_EYES,
      APL.legalReview,
      false,
      ({ record, actor }) =>
        isHandler(record, actor.id) ? { message: 'a handler of the case may not review it' } : null,
    ),
    pre(
      'not-yet-reviewed-after-hearing',
      { zh: '听证后仅审核一次', en: 'One review after the hearing' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.legalReview,
      false,
      ({ record }) => {
        if (record.state !== 'heard') return null;
        return lastStepAfter(record, 'review', lastStep(record, 'record-hearing'))
          ? { message: 'the case was already reviewed after the hearing' }
          : null;
      },
    ),
  ],
  document: null,
  opens: [],
  meets: [],
  basis: [APL.legalReview],
});

const NOTIFY = action({
  name: 'notify',
  label: { zh: '行政处罚告知', en: 'Notify the proposed penalty' },
  from: ['reviewed', 'proposed'],
  toStates: ['notified'],
  to: () => 'notified',
  permits: [{ role: 'head' }],
  dated: true,
  parseInput: (raw, ctx) => withNote(raw, { date: stepDate(raw, ctx, false) }),
  preconditions: [
    pre(
      'legal-review-when-required',
      {
        zh: '重大案件或较大数额罚款须经法制审核后告知',
        en: 'A major case or a large-amount fine is reviewed before the notice',
      },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.legalReview,
      false,
      ({ def, record, today }) =>
        record.state === 'proposed' && reviewRequiredBeforeNotice(def, record, today)
          ? { message: 'legal review is required before the notice (major case or large amount)' }
          : null,
    ),
  ],
  derive: ({ def, record, input, today }) => {
    const date = (input.date as string | undefined) ?? today;
    const amount = proposedAmount(record) as number;
    const threshold = largeAmountThreshold(def, record, date);
    const hearingOffered = amount >= threshold;
    const statementDays = days(def, P.statementWorkingDays, date);
    const statementLast = def.calendar.addWorkingDays(date, statementDays);
    const hearingDays = days(def, P.hearingRequestWorkingDays, date);
    const hearingLast = def.calendar.addWorkingDays(date, hearingDays);
    // A window counted over a year without a pinned holiday notice is recorded as provisional, with the day up to
    // which the party's act is accepted; confirmed windows record exactly what they always did.
    const provisional = (last: string, n: number, key: string): Record<string, unknown> =>
      def.calendar.countStatus(date, last).provisional
        ? { [`${key}Provisional`]: true, [`${key}AcceptedUntil`]: def.calendar.partyLastDay(date, n) }
        : {};
    return {
      amountMinor: amount,
      largeAmountThresholdMinor: threshold,
      hearingOffered,
      statementLastDay: statementLast,
      ...provisional(statementLast, statementDays, 'statementLastDay'),
      ...(hearingOffered
        ? {
            hearingRequestLastDay: hearingLast,
            ...provisional(hearingLast, hearingDays, 'hearingRequestLastDay'),
          }
        : {}),
    };
  },
  document: 'penalty-notice',
  opens: ['statement', 'hearing-request'],
  meets: [],
  basis: [APL.notice, APL.hearingRight, APL.hearingRequest, SAMR.statement],
});

/**
 * A party's window is refused only after the day its act is accepted until: its last day when the count is
 * confirmed, the calendar's safe bound when the last day is provisional (docs/procedure.md, "Beyond the last
 * holiday notice"). `lastDay` in the details stays the window's computed last day.
 */
function windowOpen(
  id: string,
  description: Text2,
  basis: Citation,
  lastDay: (ctx: ActionContext) => string | null,
  acceptedUntil: (ctx: ActionContext) => string | null,
): Precondition {
  return pre(id, description, PROCEDURE_ERRORS.WINDOW_CLOSED, basis, false, (ctx) => {
    const last = lastDay(ctx);
    const until = acceptedUntil(ctx);
    const notice = latestNotice(ctx.record);
    if (last === null || until === null || notice === null || ctx.today <= until) return null;
    // Provisional even when no holiday is near enough to widen the bound (then until = last).
    const provisional = ctx.def.calendar.countStatus(notice.date, last).provisional;
    return {
      message: provisional
        ? `the window's provisional last day was ${last}; acts were accepted until ${until}`
        : `the window closed on ${last}`,
      details: { lastDay: last, ...(provisional ? { provisional: true, acceptedUntil: until } : {}) },
    };
  });
}

const DEFEND = action({
  name: 'defend',
  label: { zh: '陈述、申辩', en: 'State and defend' },
  from: ['notified', 'hearing_requested', 'hearing_scheduled'],
  toStates: ['notified', 'hearing_requested', 'hearing_scheduled'],
  to: same,
  permits: [{ role: 'firm' }],
  parseInput: (raw) => {
    const waive = raw.waiveHearing;
    if (waive !== undefined && typeof waive !== 'boolean')
      throw invalid('waiveHearing', 'must be true or false');
    // APL art. 62: the party may expressly waive its rights; a waived hearing no longer holds the decision back.
    return withNote(raw, {
      statement: text(raw, 'statement', true),
      ...(waive === true ? { waiveHearing: true } : {}),
    });
  },
  preconditions: [
    ownCase,
    windowOpen(
      'statement-window-open',
      { zh: '在陈述、申辩期限内', en: 'Within the statement window' },
      SAMR.statement,
      ({ def, record }) => statementLastDay(def, record),
      ({ def, record }) => statementAcceptedUntil(def, record),
    ),
  ],
  document: null,
  opens: [],
  meets: ['statement'],
  basis: [APL.notice, APL.noHeavier, SAMR.statement],
});

const REQUEST_HEARING = action({
  name: 'request-hearing',
  label: { zh: '要求听证', en: 'Request a hearing' },
  from: ['notified'],
  toStates: ['hearing_requested'],
  to: () => 'hearing_requested',
  permits: [{ role: 'firm' }],
  parseInput: (raw) => withNote(raw, {}),
  preconditions: [
    ownCase,
    pre(
      'hearing-offered',
      { zh: '已告知听证权利', en: 'A hearing was offered' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.hearingRight,
      false,
      ({ record }) =>
        flagIn(latestNotice(record), 'hearingOffered')
          ? null
          : { message: 'no hearing was offered: the notified amount is below the large-amount threshold' },
    ),
    windowOpen(
      'hearing-window-open',
      { zh: '在告知后五日内提出', en: 'Within five working days of the notice' },
      APL.hearingRequest,
      ({ def, record }) => hearingRequestLastDay(def, record),
      ({ def, record }) => hearingRequestAcceptedUntil(def, record),
    ),
  ],
  document: null,
  opens: [],
  meets: ['hearing-request'],
  basis: [APL.hearingRight, APL.hearingRequest],
});

const SCHEDULE_HEARING = action({
  name: 'schedule-hearing',
  label: { zh: '通知听证', en: 'Schedule the hearing' },
  from: ['hearing_requested'],
  toStates: ['hearing_scheduled'],
  to: () => 'hearing_scheduled',
  permits: [{ role: 'head' }, { role: 'inspector', handlerOnly: true }],
  dated: true,
  parseInput: (raw, ctx) =>
    withNote(raw, {
      date: stepDate(raw, ctx, false),
      hearingDate: day(raw, 'hearingDate', true),
      place: text(raw, 'place', true),
      hostId: text(raw, 'hostId', true),
    }),
  preconditions: [
    pre(
      'host-not-investigator',
      { zh: '听证由非本案调查人员主持', en: 'The host is not an investigator of the case' },
      PROCEDURE_ERRORS.INVALID_INPUT,
      APL.hearingHost,
      true,
      ({ record, input }) =>
        isHandler(record, input.hostId as string)
          ? { message: 'the hearing host may not be a handler of the case', details: { field: 'hostId' } }
          : null,
    ),
    pre(
      'notice-seven-days-ahead',
      { zh: '举行听证的七日前通知', en: 'Notice at least seven working days before the hearing' },
      PROCEDURE_ERRORS.INVALID_INPUT,
      APL.hearingNotice,
      true,
      ({ def, input, today }) => {
        const noticeDate = (input.date as string | undefined) ?? today;
        // The seven days protect the party's preparation: a provisional count uses the party's safe bound.
        const earliest = def.calendar.partyLastDay(
          noticeDate,
          days(def, P.hearingNoticeWorkingDays, noticeDate),
        );
        return (input.hearingDate as string) < earliest
          ? {
              message: `the hearing must be on or after ${earliest} (seven working days after the notice of ${noticeDate})`,
              details: { field: 'hearingDate', earliest },
            }
          : null;
      },
    ),
  ],
  document: 'hearing-notice',
  opens: ['hearing'],
  meets: [],
  basis: [APL.hearingNotice, APL.hearingHost],
});

const RECORD_HEARING = action({
  name: 'record-hearing',
  label: { zh: '听证笔录', en: 'Record the hearing' },
  from: ['hearing_scheduled'],
  toStates: ['heard'],
  to: () => 'heard',
  permits: [{ role: 'head' }, { role: 'inspector' }, { role: 'legal_reviewer' }],
  dated: true,
  parseInput: (raw, ctx) => {
    const date = stepDate(raw, ctx, false);
    const scheduled = stringIn(lastStep(ctx.record, 'schedule-hearing'), 'hearingDate');
    if (scheduled && date < scheduled) throw invalid('date', `the hearing is scheduled for ${scheduled}`);
    return withNote(raw, { date, summary: text(raw, 'summary', true) });
  },
  preconditions: [
    pre(
      'host-or-handler',
      { zh: '由听证主持人或办案人员记录', en: 'Recorded by the host or a handler' },
      PROCEDURE_ERRORS.ROLE_NOT_PERMITTED,
      APL.hearingRecord,
      false,
      ({ record, actor }) =>
        isHandler(record, actor.id) || stringIn(lastStep(record, 'schedule-hearing'), 'hostId') === actor.id
          ? null
          : { message: 'only the hearing host or a handler may record the hearing' },
    ),
  ],
  document: null,
  opens: [],
  meets: ['hearing'],
  basis: [APL.hearingRecord],
});

const DECIDE = action({
  name: 'decide',
  label: { zh: '作出行政处罚决定', en: 'Decide' },
  from: ['notified', 'heard'],
  toStates: ['decided'],
  to: () => 'decided',
  permits: [{ role: 'head' }],
  dated: true,
  parseInput: (raw, ctx) => {
    const amount = amountMinor(raw);
    const reason = text(raw, 'reason', false);
    const cd = raw.collectiveDiscussion;
    if (cd !== undefined && typeof cd !== 'boolean')
      throw invalid('collectiveDiscussion', 'must be true or false');
    return withNote(raw, {
      date: stepDate(raw, ctx, false),
      amountMinor: amount,
      collectiveDiscussion: cd === true,
      ...(reason === undefined ? {} : { reason }),
    });
  },
  preconditions: [
    notTheProposer('decide', APL.headDecides),
    pre(
      'party-heard',
      {
        zh: '陈述、申辩期限届满或当事人已陈述，听证期限届满',
        en: 'The statement window ended or the party stated; the hearing window ended',
      },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.heardFirst,
      false,
      ({ def, record, today }) => {
        if (record.state !== 'notified') return null;
        const notice = latestNotice(record);
        // The party may act until its windows' accepted-until days (later than the last days only when those are
        // provisional): deciding earlier would cut a right the party may still use.
        const statementLast = statementAcceptedUntil(def, record) as string;
        const stated = lastStepAfter(record, 'defend', notice) !== null;
        const waived = stepsAfter(record, 'defend', notice).some((d) => flagIn(d, 'waiveHearing'));
        const hearingLast = waived ? null : hearingRequestAcceptedUntil(def, record);
        const waitStatement = !stated && today <= statementLast;
        const waitHearing = hearingLast !== null && today <= hearingLast;
        if (!waitStatement && !waitHearing) return null;
        const lastDay = [waitStatement ? statementLast : '', waitHearing ? hearingLast : ''].sort()[1];
        return {
          message: `the party's windows are open until ${lastDay}: decide after it`,
          details: { lastDay, statementLastDay: statementLast, hearingRequestLastDay: hearingLast },
        };
      },
    ),
    pre(
      'reviewed-after-hearing',
      { zh: '经过听证程序的案件须法制审核', en: 'A case that went to a hearing is legally reviewed' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.legalReview,
      false,
      ({ record }) => {
        if (record.state !== 'heard') return null;
        const review = lastStepAfter(record, 'review', lastStep(record, 'record-hearing'));
        return review && stringIn(review, 'outcome') === 'approved'
          ? null
          : { message: 'legal review after the hearing is required before the decision' };
      },
    ),
    pre(
      'no-heavier-than-notified',
      { zh: '不得因当事人陈述、申辩而给予更重的处罚', en: 'No heavier penalty than notified' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.noHeavier,
      true,
      ({ record, input }) => {
        const notified = numberIn(latestNotice(record), 'amountMinor') as number;
        return (input.amountMinor as number) > notified
          ? {
              message: `the decided amount exceeds the notified ${notified} fen`,
              details: { field: 'amountMinor', notifiedMinor: notified },
            }
          : null;
      },
    ),
    pre(
      'collective-discussion',
      {
        zh: '情节复杂或者重大违法行为须集体讨论决定',
        en: 'Serious or complex cases are decided collectively',
      },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.collective,
      true,
      ({ record, input }) =>
        (record.flags?.heavy === true || record.flags?.major === true) && input.collectiveDiscussion !== true
          ? {
              message: 'this case must be decided by collective discussion of the heads',
              details: { field: 'collectiveDiscussion' },
            }
          : null,
    ),
  ],
  derive: ({ record }) => ({ notifiedMinor: numberIn(latestNotice(record), 'amountMinor') }),
  document: 'decision',
  opens: ['service', 'publication'],
  meets: ['decision'],
  basis: [APL.headDecides, APL.collective, APL.decisionContents, APL.decisionTime, APL.noHeavier],
});

const SERVICE_METHODS = [
  'direct',
  'left',
  'electronic',
  'post',
  'entrusted',
  'forwarded',
  'public-notice',
] as const;

const SERVE = action({
  name: 'serve',
  label: { zh: '送达决定书', en: 'Serve the decision' },
  from: ['decided'],
  toStates: ['served'],
  to: () => 'served',
  permits: [{ role: 'head' }, { role: 'inspector', handlerOnly: true }],
  dated: true,
  parseInput: (raw, ctx) => {
    const method = raw.method;
    if (typeof method !== 'string' || !(SERVICE_METHODS as readonly string[]).includes(method)) {
      throw invalid('method', `method must be one of ${SERVICE_METHODS.join(', ')}`);
    }
    if (method === 'electronic' && raw.consent !== true) {
      throw invalid('consent', 'electronic service needs the party’s consent (consent: true)', {
        basis: APL.electronicService.label.en,
      });
    }
    return withNote(raw, {
      date: stepDate(raw, ctx, true),
      method,
      recipient: text(raw, 'recipient', true),
      ...(method === 'electronic' ? { consent: true } : {}),
    });
  },
  preconditions: [],
  document: 'service-receipt',
  opens: ['payment'],
  meets: ['service'],
  basis: [APL.service, APL.electronicService, SAMR.serviceMethods],
});

const PUBLISH = action({
  name: 'publish',
  label: { zh: '公示处罚信息', en: 'Publish the decision' },
  from: ['decided', 'served'],
  toStates: ['decided', 'served'],
  to: same,
  permits: [{ role: 'head' }, { role: 'inspector', handlerOnly: true }],
  dated: true,
  parseInput: (raw, ctx) => {
    const channel = text(raw, 'channel', false);
    return withNote(raw, { date: stepDate(raw, ctx, false), ...(channel === undefined ? {} : { channel }) });
  },
  preconditions: [
    pre(
      'not-yet-published',
      { zh: '每项决定公示一次', en: 'A decision is published once' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      SAMR.publication,
      false,
      ({ record }) => (publication(record) ? { message: 'the decision is already published' } : null),
    ),
  ],
  document: null,
  opens: [],
  meets: ['publication'],
  basis: [APL.publication, SAMR.publication],
});

const RECORD_PAYMENT = action({
  name: 'record-payment',
  label: { zh: '登记缴款', en: 'Record a payment' },
  from: ['served'],
  toStates: ['served'],
  to: same,
  permits: [{ role: 'head' }, { role: 'inspector', handlerOnly: true }],
  dated: true,
  parseInput: (raw, ctx) => {
    const amount = amountMinor(raw);
    const decided = numberIn(decision(ctx.record), 'amountMinor') as number;
    const due = decided - paidTotal(ctx.record);
    if (amount > due)
      throw invalid('amountMinor', `only ${due} fen remain to be paid`, { remainingMinor: due });
    return withNote(raw, { date: stepDate(raw, ctx, true), amountMinor: amount });
  },
  preconditions: [],
  document: null,
  opens: [],
  meets: ['payment'],
  basis: [APL.payment],
});

const CLOSE = action({
  name: 'close',
  label: { zh: '结案', en: 'Close the case' },
  from: ['served'],
  toStates: ['closed'],
  to: () => 'closed',
  permits: [{ role: 'head' }],
  parseInput: (raw) => withNote(raw, {}),
  preconditions: [
    pre(
      'paid',
      { zh: '罚款已缴清', en: 'The fine is paid in full' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      APL.payment,
      false,
      ({ record }) => (paidInFullOn(record) ? null : { message: 'the fine is not paid in full' }),
    ),
    pre(
      'published',
      { zh: '处罚信息已公示', en: 'The decision is published' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      SAMR.publication,
      false,
      ({ record }) => (publication(record) ? null : { message: 'the decision is not published yet' }),
    ),
  ],
  document: 'closing-report',
  opens: [],
  meets: [],
  basis: [APL.payment, SAMR.publication],
});

const reasonOnly = (raw: Readonly<Record<string, unknown>>): Parsed =>
  withNote(raw, { reason: text(raw, 'reason', true) });

const NO_PENALTY = action({
  name: 'no-penalty',
  label: { zh: '不予行政处罚', en: 'Decide no penalty' },
  from: ['filed', 'investigating', 'proposed', 'reviewed', 'notified', 'heard'],
  toStates: ['no_penalty'],
  to: () => 'no_penalty',
  permits: [{ role: 'head' }],
  parseInput: (raw) => {
    const basis = text(raw, 'basis', false);
    return withNote(raw, { reason: text(raw, 'reason', true), ...(basis === undefined ? {} : { basis }) });
  },
  preconditions: [],
  document: 'no-penalty-decision',
  opens: [],
  meets: ['decision'],
  basis: [APL.noPenalty],
});

const WITHDRAW = action({
  name: 'withdraw',
  label: { zh: '撤销立案', en: 'Withdraw the case' },
  from: ['filed', 'investigating'],
  toStates: ['withdrawn'],
  to: () => 'withdrawn',
  permits: [{ role: 'head' }],
  parseInput: reasonOnly,
  preconditions: [],
  document: 'withdrawal',
  opens: [],
  meets: [],
  basis: [SAMR.withdrawal],
});

const TRANSFER = action({
  name: 'transfer',
  label: { zh: '移送', en: 'Transfer the case' },
  from: ['filed', 'investigating'],
  toStates: ['transferred'],
  to: () => 'transferred',
  permits: [{ role: 'head' }],
  parseInput: (raw) =>
    withNote(raw, {
      reason: text(raw, 'reason', true),
      recipientAuthority: text(raw, 'recipientAuthority', true),
    }),
  preconditions: [],
  document: 'transfer',
  opens: [],
  meets: [],
  basis: [APL.transferCrime],
});

const EXTEND = action({
  name: 'extend',
  label: { zh: '延长期限', en: 'Extend a time limit' },
  from: ['clue', ...BEFORE_DECISION],
  toStates: ['clue', ...BEFORE_DECISION],
  to: same,
  permits: [{ role: 'head' }],
  parseInput: (raw, ctx) => {
    const target = raw.deadline ?? (ctx.record.state === 'clue' ? 'filing' : 'decision');
    if (target !== 'decision' && target !== 'filing')
      throw invalid('deadline', "deadline must be 'decision' or 'filing'");
    if ((target === 'filing') !== (ctx.record.state === 'clue')) {
      throw invalid('deadline', 'the filing period is extended before filing, the decision period after');
    }
    const max =
      target === 'filing'
        ? days(ctx.def, P.filingExtensionWorkingDays, ctx.today)
        : days(ctx.def, P.decisionExtensionMaxDays, ctx.today);
    const n = raw.days;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
      throw invalid('days', `days must be a whole number from 1 to ${max}`, { max });
    }
    return withNote(raw, { deadline: target, days: n, reason: text(raw, 'reason', true) });
  },
  preconditions: [
    pre(
      'extended-once',
      { zh: '经负责人批准延长一次', en: 'Extended once with the head’s approval' },
      PROCEDURE_ERRORS.PRECONDITION_FAILED,
      SAMR.extension,
      true,
      ({ record, input }) =>
        stepsOf(record, 'extend').some((s) => (stringIn(s, 'deadline') ?? 'decision') === input.deadline)
          ? {
              message: `the ${input.deadline as string} period was already extended once (further: collective discussion, not modelled)`,
            }
          : null,
    ),
  ],
  document: null,
  opens: [],
  meets: [],
  basis: [SAMR.filing, SAMR.extension],
});

/** The CN general procedure of market-regulation administrative penalties. */
export const CN_SAMR_GENERAL: ProcedureDefinition = {
  id: 'cn-samr-general',
  version: '1.0.0',
  title: {
    zh: '市场监督管理行政处罚普通程序',
    en: 'General procedure of administrative penalties in market regulation (PRC)',
  },
  inForceFrom: '2021-07-15',
  inForceUntil: null,
  sources: CN_PROCEDURE_SOURCES,
  states: STATES,
  initialState: 'clue',
  actions: [
    FILE,
    ASSIGN,
    PROPOSE,
    REVIEW,
    NOTIFY,
    DEFEND,
    REQUEST_HEARING,
    SCHEDULE_HEARING,
    RECORD_HEARING,
    DECIDE,
    SERVE,
    PUBLISH,
    RECORD_PAYMENT,
    CLOSE,
    NO_PENALTY,
    WITHDRAW,
    TRANSFER,
    EXTEND,
  ],
  deadlines: CN_DEADLINES,
  parameters: CN_PARAMETERS,
  calendar: PRC_WORKING_CALENDAR,
  nearWorkingDays: 3,
};
