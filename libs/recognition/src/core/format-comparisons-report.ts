import { ComparisonsReport, RateBlock } from './analyse-comparisons';
import { BootstrapInterval } from './bootstrap';
import { formatRate } from './verdict';

const count = (n: number): string => n.toLocaleString('en-US');
const score = (t: number | null): string =>
  t === null ? '+∞ (accept nothing)' : String(Number(t.toPrecision(6)));

function rateLine(label: string, block: RateBlock, bootstrap: BootstrapInterval | null): string {
  if (block.rate === null) return `  ${label}  no completed comparisons`;
  const boot =
    bootstrap === null
      ? ''
      : `; subject bootstrap 95 % ${formatRate(bootstrap.ci95[0])}–${formatRate(bootstrap.ci95[1])} over ${count(bootstrap.clusters)} subjects`;
  return (
    `  ${label}  ${count(block.errors)}/${count(block.n)} = ${formatRate(block.rate)}` +
    `  (95 % CI ${formatRate(block.ci95[0])}–${formatRate(block.ci95[1])}; one-sided ≥ ${formatRate(block.lower95)}, ≤ ${formatRate(block.upper95)}${boot})`
  );
}

const OPERATING_POINT: Record<ComparisonsReport['operatingPoint'], string> = {
  threshold: 'the given threshold',
  calibrated: "a threshold calibrated on the impostor scores to the claim's FMR",
  decisions: "the device's own logged decisions",
  eer: 'the equal-error-rate threshold (no threshold, decisions or claim given)',
};

/** Renders a ComparisonsReport as plain text for a terminal; the JSON form carries the same facts. */
export function formatComparisonsReport(report: ComparisonsReport): string {
  const lines: string[] = [];
  const fta = report.failuresToAcquire;
  lines.push(
    `Comparisons: ${count(report.genuine.n)} genuine, ${count(report.impostor.n)} impostor, ${count(report.subjects)} subjects; ` +
      `failures to acquire: ${count(fta.genuine)} genuine, ${count(fta.impostor)} impostor (excluded from the rates)`,
  );
  lines.push(
    `Operating point: ${OPERATING_POINT[report.operatingPoint]}` +
      (report.operatingPoint === 'decisions' ? '' : `, score ≥ ${score(report.threshold)} accepts`),
  );
  lines.push(rateLine('FNMR', report.genuine, report.bootstrap.genuine));
  lines.push(rateLine('FMR ', report.impostor, report.bootstrap.impostor));
  if (report.eer !== null) {
    lines.push(`EER: ${formatRate(report.eer)} at threshold ${score(report.eerThreshold)}`);
  }
  if (report.fnmrAtFmr.length > 0) {
    lines.push('FNMR at FMR targets (threshold calibrated on the impostor scores):');
    for (const f of report.fnmrAtFmr) {
      const support = f.supported
        ? 'sample supports this FMR'
        : `too few impostors: ${f.impostorsNeeded === null ? '∞' : count(f.impostorsNeeded)} needed`;
      lines.push(
        `  FMR ≤ ${formatRate(f.fmrTarget).padEnd(9)} threshold ${score(f.threshold)}: FNMR ${formatRate(f.fnmr)} ` +
          `(${count(f.falseNonMatches)} false non-matches, ${count(f.falseMatches)} false matches; ${support})`,
      );
    }
  }
  if (report.det.length > 0) lines.push(`DET curve: ${count(report.det.length)} points (see --json)`);
  if (report.claim !== null && report.verdict !== null) {
    lines.push(`Claim: ${report.claim.statement}`);
    lines.push(`Verdict: ${report.verdict.result}`);
    lines.push(`  ${report.verdict.reason}`);
    const needed = report.verdict.comparisonsNeeded;
    if (needed !== null) {
      const parts = [
        needed.genuine === null ? null : `${count(needed.genuine)} genuine`,
        needed.impostor === null ? null : `${count(needed.impostor)} impostor`,
      ].filter((p): p is string => p !== null);
      if (parts.length > 0) lines.push(`  Comparisons needed for a verdict: ${parts.join(', ')}`);
    }
  }
  lines.push(
    `Method: ${report.method.interval}; ${report.method.scoreConvention}. ${report.method.decisionRule}.`,
  );
  return lines.join('\n') + '\n';
}
