import type { CaseRecord } from '../procedure.types';
import type { DeadlineRule } from '../core/definition.types';
import { lastStep, lastStepAfter, stringIn } from '../core/case-facts';
import { CN_PARAMETER_IDS as P } from './cn-parameters';
import { APL, SAMR } from './cn-citations';
import {
  days,
  decision,
  extensionDays,
  hearingRequestLastDay,
  hearingRequestAcceptedUntil,
  hearingSuspension,
  latestNotice,
  paidInFullOn,
  publication,
  statementAcceptedUntil,
  statementLastDay,
} from './cn-facts';

/** The day the first of `actions` after step `after` was taken, or null. */
function metOn(record: CaseRecord, actions: readonly string[], after: number | null): string | null {
  const s = record.steps.find((x) => actions.includes(x.action) && (after === null || x.seq > after));
  return s ? s.date : null;
}

/** The time limits of the CN general procedure, computed from a case's steps. */
export const CN_DEADLINES: readonly DeadlineRule[] = [
  {
    id: 'filing',
    label: { zh: '核查立案期限', en: 'Decide whether to file' },
    counting: 'working-days',
    holder: 'authority',
    basis: SAMR.filing,
    metBy: 'file',
    compute: (def, record) => {
      const n = days(
        def,
        P.filingWorkingDays,
        record.clueDate < '2021-07-15' ? '2021-07-15' : record.clueDate,
      );
      const due = def.calendar.addWorkingDays(record.clueDate, n + extensionDays(record, 'filing'));
      const filed = lastStep(record, 'file');
      if (!filed && record.state !== 'clue') return null;
      return { due, metOn: filed ? filed.date : null, countedFrom: record.clueDate };
    },
  },
  {
    id: 'decision',
    label: { zh: '作出处理决定期限', en: 'Decide the case' },
    counting: 'calendar-days',
    holder: 'authority',
    basis: APL.decisionTime,
    metBy: 'decide',
    compute: (def, record, today) => {
      const filed = lastStep(record, 'file');
      if (!filed) return null;
      const met = metOn(record, ['decide', 'no-penalty'], filed.seq);
      if (!met && ['withdrawn', 'transferred'].includes(record.state)) return null;
      const s = hearingSuspension(def, record, today);
      const total =
        days(def, P.decisionCalendarDays, filed.date) + extensionDays(record, 'decision') + s.days;
      return { due: def.calendar.addCalendarDays(filed.date, total), metOn: met, suspended: s.pending };
    },
  },
  {
    id: 'statement',
    label: { zh: '陈述、申辩期限', en: 'Statement and defence' },
    counting: 'working-days',
    holder: 'party',
    basis: SAMR.statement,
    metBy: 'defend',
    compute: (def, record) => {
      const notice = latestNotice(record);
      if (!notice) return null;
      return {
        due: statementLastDay(def, record) as string,
        metOn: metOn(record, ['defend'], notice.seq),
        countedFrom: notice.date,
        acceptedUntil: statementAcceptedUntil(def, record) as string,
      };
    },
  },
  {
    id: 'hearing-request',
    label: { zh: '要求听证期限', en: 'Request a hearing' },
    counting: 'working-days',
    holder: 'party',
    basis: APL.hearingRequest,
    metBy: 'request-hearing',
    compute: (def, record) => {
      const notice = latestNotice(record);
      const last = hearingRequestLastDay(def, record);
      if (!notice || last === null) return null;
      return {
        due: last,
        metOn: metOn(record, ['request-hearing'], notice.seq),
        countedFrom: notice.date,
        acceptedUntil: hearingRequestAcceptedUntil(def, record) as string,
      };
    },
  },
  {
    id: 'hearing',
    label: { zh: '举行听证', en: 'Hold the hearing' },
    counting: 'working-days',
    holder: 'authority',
    basis: APL.hearingNotice,
    metBy: 'record-hearing',
    compute: (_def, record) => {
      const scheduled = lastStep(record, 'schedule-hearing');
      const on = stringIn(scheduled, 'hearingDate');
      if (!scheduled || !on) return null;
      return { due: on, metOn: metOn(record, ['record-hearing'], scheduled.seq) };
    },
  },
  {
    id: 'service',
    label: { zh: '送达决定书期限', en: 'Serve the decision' },
    counting: 'working-days',
    holder: 'authority',
    basis: APL.service,
    metBy: 'serve',
    compute: (def, record) => {
      const d = decision(record);
      if (!d) return null;
      return {
        due: def.calendar.addWorkingDays(d.date, days(def, P.serviceWorkingDays, d.date)),
        metOn: metOn(record, ['serve'], d.seq),
        countedFrom: d.date,
      };
    },
  },
  {
    id: 'publication',
    label: { zh: '公示处罚信息期限', en: 'Publish the decision' },
    counting: 'working-days',
    holder: 'authority',
    basis: SAMR.publication,
    metBy: 'publish',
    compute: (def, record) => {
      const d = decision(record);
      if (!d) return null;
      return {
        due: def.calendar.addWorkingDays(d.date, days(def, P.publicationWorkingDays, d.date)),
        metOn: publication(record)?.date ?? null,
        countedFrom: d.date,
      };
    },
  },
  {
    id: 'payment',
    label: { zh: '缴纳罚款期限', en: 'Pay the fine' },
    counting: 'calendar-days',
    holder: 'party',
    basis: APL.payment,
    metBy: 'record-payment',
    compute: (def, record) => {
      const served = lastStepAfter(record, 'serve', decision(record));
      if (!served) return null;
      return {
        due: def.calendar.addCalendarDays(served.date, days(def, P.paymentCalendarDays, served.date)),
        metOn: paidInFullOn(record),
      };
    },
  },
];
