import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '@app/common';
import { StatisticsRepository, type FirmScope } from '@app/persistence';
import { PROCEDURE_DEFINITIONS } from '@app/procedure';
import { notFound } from '../common/not-found';
import { ValidationError } from '../problem/problem';
import type { RegionRowDto, StatisticsDto, StatisticsQueryDto } from './statistics.dto';

/** The states that end a case, in any procedure the bureau runs (its definitions' terminal states). */
export const CLOSED_STATES = [
  ...new Set(PROCEDURE_DEFINITIONS.flatMap((d) => d.states.filter((st) => st.terminal).map((st) => st.id))),
];
/** At most this many fines are listed (the chart's points). */
export const MAX_FINES = 1000;
const MAX_MONTHS = 60;
const ZONE = 'Asia/Shanghai';

/** Sums yuan amounts ("123.45") exactly, in fen. */
function sumYuan(amounts: (string | null)[]): string {
  let fen = 0n;
  for (const a of amounts) {
    if (a === null) continue;
    const [whole, frac = ''] = a.split('.');
    const sign = whole.startsWith('-') ? -1n : 1n;
    fen += sign * (BigInt(whole.replace('-', '')) * 100n + BigInt((frac + '00').slice(0, 2)));
  }
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A head's monthly report: open cases, findings, captures audited, fines and precedents, per region. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly stats: StatisticsRepository,
    private readonly clock: Clock,
  ) {}

  async report(scope: FirmScope, q: StatisticsQueryDto): Promise<StatisticsDto> {
    const now = DateTime.fromJSDate(this.clock.now(), { zone: ZONE });
    const to = q.to ? DateTime.fromFormat(q.to, 'yyyy-MM', { zone: ZONE }) : now.startOf('month');
    const from = q.from ? DateTime.fromFormat(q.from, 'yyyy-MM', { zone: ZONE }) : to.minus({ months: 11 });
    if (from > to) throw new ValidationError([{ field: 'from', message: 'from must not be after to' }]);
    const span = Math.round(to.diff(from, 'months').months) + 1;
    if (span > MAX_MONTHS) {
      throw new ValidationError([{ field: 'from', message: `a period is at most ${MAX_MONTHS} months` }]);
    }
    const months = Array.from({ length: span }, (_, i) => from.plus({ months: i }).toFormat('yyyy-MM'));
    const period = { from: from.toISODate()!, to: to.plus({ months: 1 }).toISODate()! };

    const narrowed: FirmScope = { ...scope };
    if (q.region !== undefined) {
      // A narrower region inside the caller's; a region elsewhere is as unknown as a firm out of scope.
      if (scope.regionPrefix !== undefined && !q.region.startsWith(scope.regionPrefix)) {
        throw notFound('region', q.region);
      }
      narrowed.regionPrefix = q.region;
    }

    const [open, findings, captures, firms, finesPlus] = await Promise.all([
      this.stats.openCases(narrowed, CLOSED_STATES),
      this.stats.findings(narrowed, period),
      this.stats.captures(narrowed, period),
      this.stats.firms(narrowed),
      this.stats.fines(narrowed, period, MAX_FINES + 1),
    ]);
    const fines = finesPlus.slice(0, MAX_FINES);
    const precedents = await this.stats.precedents(fines.map((f) => f.caseId));
    const inPeriod = (day: string) => day >= period.from && day < period.to;
    const decided = fines.filter((f) => f.decided !== null && inPeriod(f.date));

    const regions = new Map<string, RegionRowDto>();
    const region = (code: string): RegionRowDto => {
      let r = regions.get(code);
      if (!r) {
        r = {
          regionCode: code,
          firms: 0,
          openCases: 0,
          findings: 0,
          captures: 0,
          finesDecided: 0,
          decidedAmount: '0.00',
        };
        regions.set(code, r);
      }
      return r;
    };
    for (const f of firms) region(f.regionCode).firms += f.count;
    for (const o of open) region(o.regionCode).openCases += o.count;
    for (const f of findings) region(f.regionCode).findings += f.count;
    for (const c of captures) region(c.regionCode).captures += c.count;
    for (const f of decided) {
      const r = region(f.regionCode);
      r.finesDecided += 1;
      r.decidedAmount = sumYuan([r.decidedAmount, f.decided]);
    }

    const byState = new Map<string, number>();
    for (const o of open) byState.set(o.state, (byState.get(o.state) ?? 0) + o.count);
    const byMonthReason = new Map<string, number>();
    for (const f of findings) {
      const k = `${f.month}\u0000${f.reason}`;
      byMonthReason.set(k, (byMonthReason.get(k) ?? 0) + f.count);
    }
    const byMonth = new Map<string, number>();
    for (const c of captures) byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + c.count);
    const total = (rows: { count: number }[]) => rows.reduce((s, r) => s + r.count, 0);

    return {
      period: { from: months[0], to: months[months.length - 1], months },
      region: narrowed.regionPrefix ?? null,
      totals: {
        openCases: total(open),
        findings: total(findings),
        captures: total(captures),
        finesProposed: fines.filter((f) => f.proposed !== null).length,
        finesDecided: decided.length,
        proposedAmount: sumYuan(fines.map((f) => f.proposed)),
        decidedAmount: sumYuan(decided.map((f) => f.decided)),
      },
      openCasesByState: [...byState]
        .map(([state, count]) => ({ state, count }))
        .sort((a, b) => b.count - a.count || a.state.localeCompare(b.state)),
      findingsByMonth: [...byMonthReason]
        .map(([k, count]) => {
          const [month, reason] = k.split('\u0000');
          return { month, reason, count };
        })
        .sort((a, b) => a.month.localeCompare(b.month) || a.reason.localeCompare(b.reason)),
      capturesByMonth: months.map((month) => ({ month, count: byMonth.get(month) ?? 0 })),
      fines,
      finesTruncated: finesPlus.length > MAX_FINES,
      precedents,
      regions: [...regions.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    };
  }
}
