import { formatRate } from './core/verdict';
import { DatasetReport } from './dataset-evaluation.service';

const pct = (x: number | null | undefined): string => (x == null ? '—' : formatRate(x));

/** Renders a DatasetReport as plain text for a terminal; the JSON form carries the same facts and more. */
export function formatDatasetReport(report: DatasetReport): string {
  const lines: string[] = [];
  const { embedder, detector } = report.engine;
  lines.push(
    `Dataset ${report.manifest.path} (sha256 ${report.manifest.sha256.slice(0, 16)}…): ${report.manifest.images} images, ${report.manifest.subjects} subjects`,
  );
  lines.push(
    `Engine: ${detector.engine} ${detector.version} ${detector.model} + ${embedder.model} (${embedder.engine} ${embedder.version}), cosine`,
  );
  lines.push(`Synthetic mask: ${report.maskStyle.colour}, nose coverage ${report.maskStyle.noseCoverage}`);
  const op = report.operatingPoint;
  const source =
    op.source === 'calibrated'
      ? `calibrated on ${op.calibratedOn} impostors to FMR ≤ ${pct(op.atFMR)}`
      : op.source === 'eer'
        ? `the ${op.calibratedOn} EER threshold`
        : 'given';
  lines.push(
    `Threshold: ${op.threshold === null ? '+∞ (accept nothing)' : String(Number(op.threshold.toPrecision(6)))} (${source}), applied to every condition`,
  );
  lines.push('');
  lines.push(
    'condition      genuine  impostor  EER      FNMR@FMR≤1%  FNMR at threshold          FMR at threshold           FTA g/i',
  );
  for (const { condition, report: r } of report.conditions) {
    const at1 = r.fnmrAtFmr.find((f) => f.fmrTarget === 0.01);
    lines.push(
      [
        condition.padEnd(14),
        String(r.genuine.n).padStart(7),
        String(r.impostor.n).padStart(9),
        ` ${pct(r.eer).padEnd(8)}`,
        pct(at1?.fnmr).padEnd(12),
        `${pct(r.genuine.rate)} [${pct(r.genuine.ci95[0])}, ${pct(r.genuine.ci95[1])}]`.padEnd(26),
        `${pct(r.impostor.rate)} [${pct(r.impostor.ci95[0])}, ${pct(r.impostor.ci95[1])}]`.padEnd(26),
        `${r.failuresToAcquire.genuine}/${r.failuresToAcquire.impostor}`,
      ].join(' '),
    );
  }
  if (report.strata.length > 0) {
    lines.push('');
    lines.push('Strata (same-stratum pairs, at the threshold):');
    for (const s of report.strata) {
      lines.push(
        `  ${s.column}=${s.value} ${s.condition}: FNMR ${s.genuine.errors}/${s.genuine.n} = ${pct(s.genuine.rate)}, ` +
          `FMR ${s.impostor.errors}/${s.impostor.n} = ${pct(s.impostor.rate)}, EER ${pct(s.eer)}`,
      );
    }
  }
  const missing = report.images.filter((i) => i.faces === 0 || !i.maskedTemplate);
  if (missing.length > 0) {
    lines.push('');
    lines.push(`Failures to acquire (${missing.length} images):`);
    for (const image of missing) lines.push(`  ${image.path}: ${image.note ?? 'no face'}`);
  }
  if (report.claim !== null && report.verdict !== null) {
    lines.push('');
    lines.push(`Claim (${report.claimCondition}): ${report.claim.statement}`);
    lines.push(`Verdict: ${report.verdict.result}`);
    lines.push(`  ${report.verdict.reason}`);
    const needed = report.verdict.comparisonsNeeded;
    if (needed !== null && (needed.genuine !== null || needed.impostor !== null)) {
      lines.push(`  Comparisons needed: ${needed.genuine ?? 0} genuine, ${needed.impostor ?? 0} impostor`);
    }
  }
  lines.push('');
  lines.push(
    'These are the reference engine’s numbers on this dataset: a baseline beside the vendor’s device, not a measurement of it (see docs/recognition.md).',
  );
  return lines.join('\n') + '\n';
}
