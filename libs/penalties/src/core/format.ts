import { formatAmount, type BilingualText } from '@app/common';
import type {
  LawAppliedCheck,
  LimitationCheck,
  PenaltyAssessment,
  PenaltyOutcome,
  PrecedentComparison,
  RulebookInfo,
} from './assessment';
import type { TraceNode, TraceStep } from './trace';

/** The JSON document `bioaudit fine --json` prints (issue 4). */
export interface AssessmentJson {
  rulebook: string;
  version: string;
  currency: string;
  amount: string;
  min: string;
  max: string;
  tier: string;
  outcome: PenaltyOutcome;
  tierLabel: BilingualText;
  decidingRulebook: string;
  rulebookTitle: BilingualText;
  measures: string[];
  measuresText: BilingualText[];
  steps: TraceStep[];
  assumptions: string[];
  assumptionsText: BilingualText[];
  limitation: LimitationCheck | null;
  lawApplied: LawAppliedCheck | null;
  precedents: PrecedentComparison[];
  precedentPosition: string;
  precedentPositionText: BilingualText;
}

/** The stable JSON shape of an assessment for the CLI and API. */
export function assessmentToJson(a: PenaltyAssessment): AssessmentJson {
  return {
    rulebook: a.rulebook,
    version: a.version,
    currency: a.currency,
    amount: a.amount,
    min: a.min,
    max: a.max,
    tier: a.tier,
    outcome: a.outcome,
    tierLabel: a.tierLabel,
    decidingRulebook: a.decidingRulebook,
    rulebookTitle: a.rulebookTitle,
    measures: a.measures,
    measuresText: a.measuresText,
    steps: a.steps,
    assumptions: a.assumptions,
    assumptionsText: a.assumptionsText,
    limitation: a.limitation,
    lawApplied: a.lawApplied,
    precedents: a.precedents,
    precedentPosition: a.precedentPosition,
    precedentPositionText: a.precedentPositionText,
  };
}

function treeLines(n: TraceNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  out.push(`${pad}- ${n.id} = ${n.value}`);
  out.push(`${pad}    ${n.description}`);
  if (n.citation) out.push(`${pad}    [${n.citation}]`);
  for (const c of n.children) treeLines(c, depth + 1, out);
}

/** A human-readable rendering of an assessment for the terminal. */
export function formatAssessmentText(a: PenaltyAssessment): string {
  const out: string[] = [
    `Proposed fine: ${a.currency} ${formatAmount(a.amount)}  (tier: ${a.tierLabel.en}; ${a.tierLabel.zh})`,
    `Legal range:   ${a.currency} ${formatAmount(a.min)} – ${formatAmount(a.max)}`,
    `Rulebook:      ${a.rulebook} ${a.version} — ${a.rulebookTitle.en}`,
    `Firm:          ${a.inputs.firm.name}; conduct ${a.inputs.conduct.from} – ${a.inputs.conduct.to}; decision ${a.inputs.decisionDate}`,
  ];
  if (a.limitation) {
    out.push(
      `Limitation:    ${a.limitation.barred ? 'time-barred' : 'within'} (deadline ${a.limitation.deadline}; ${a.limitation.citation.en})`,
    );
  }
  if (a.lawApplied) out.push(`Law applied:   ${a.lawApplied.text.en}`);
  if (a.measures.length > 0) out.push(`Measures:      ${a.measures.join('; ')}`);
  out.push('', 'Calculation (each value with the rule that produced it):');
  treeLines(a.trace, 0, out);
  out.push('', 'Assumptions:');
  out.push(...(a.assumptions.length ? a.assumptions.map((s) => `- ${s}`) : ['- none']));
  out.push('', 'Closest precedents:');
  out.push(
    ...(a.precedents.length
      ? a.precedents.map(
          (p) =>
            `- ${p.id} ${p.authority} ${p.decisionDate} ${p.defendant}: ${p.currency} ${formatAmount(p.amount)} ` +
            (p.comparable
              ? `(distance ${p.distance}; proposal ${p.proposalVersusPrecedent}) — ${p.publication}`
              : `(shown apart: ${p.apartReason?.en ?? ''}) — ${p.publication}`),
        )
      : ['- none']),
  );
  out.push(`  ${a.precedentPosition}`);
  return out.join('\n');
}

/** A table of rulebooks for `bioaudit rulebooks`. */
export function formatRulebooksText(infos: readonly RulebookInfo[]): string {
  const rows = infos.map((r) => [
    r.id + (r.isDefault ? ' *' : ''),
    r.jurisdiction,
    r.version,
    r.validFrom,
    r.title,
  ]);
  const header = ['rulebook', 'jurisdiction', 'version', 'from', 'title'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join('  ');
  return [line(header), ...rows.map(line), '', '* default rulebook of its jurisdiction'].join('\n');
}
