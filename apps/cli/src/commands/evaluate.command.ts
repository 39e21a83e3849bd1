import * as path from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError } from '@app/common';

/**
 * The recognition lib (TensorFlow.js, onnxruntime, sharp) costs ≈ 50 MB and start-up time; only the
 * evaluate commands need it, so they load it when they run rather than every bioaudit command at boot.
 */
const recognition = () => import('@app/recognition');
import {
  comparisonsReportInput,
  datasetReportInput,
  EvaluationReportRenderer,
  type EvaluationReportInput,
} from '@app/case-files';
import { hashFile } from '@app/ingestion';
import { CLI_ERRORS } from '../cli.errors';
import { printJson, Progress } from '../output';
import { checkedDate } from './inspect.command';

interface EvaluateFlags {
  threshold?: number;
  claim?: string;
  json?: boolean;
  pdf?: string;
  date?: string;
}

/** The report's date: given, or today (a report is reproducible when its date is given). */
function reportDate(flags: EvaluateFlags): string {
  return `${flags.date ?? new Date().toISOString().slice(0, 10)}T00:00:00Z`;
}

async function writePdf(flags: EvaluateFlags, input: EvaluationReportInput): Promise<void> {
  if (!flags.pdf) return;
  const r = await new EvaluationReportRenderer().render(input, flags.pdf);
  process.stderr.write(`report: ${r.path} (${r.pages} pages, sha256 ${r.sha256})\n`);
}

function threshold(v: string): number {
  const t = Number(v);
  if (!Number.isFinite(t))
    throw new DomainError(CLI_ERRORS.BAD_THRESHOLD, `--threshold must be a number, got "${v}"`);
  return t;
}

@SubCommand({
  name: 'comparisons',
  arguments: '<file.csv>',
  description:
    'FMR/FNMR with exact 95 % intervals, DET, EER and a verdict on a claim, from probeSubject,referenceSubject,score[,decision]',
})
export class EvaluateComparisonsCommand extends CommandRunner {
  async run([file]: string[], flags: EvaluateFlags): Promise<void> {
    const { evaluateComparisonsFile, formatComparisonsReport, readClaimFile } = await recognition();
    const claim = flags.claim ? await readClaimFile(flags.claim) : undefined;
    const report = await evaluateComparisonsFile(file, { threshold: flags.threshold, claim });
    if (flags.pdf) {
      const { sha256 } = await hashFile(file);
      await writePdf(
        flags,
        comparisonsReportInput({ name: path.basename(file), sha256 }, report, reportDate(flags)),
      );
    }
    if (flags.json) printJson(report);
    else process.stdout.write(formatComparisonsReport(report));
  }

  @Option({ flags: '--threshold <t>', description: 'accept when score ≥ t (a logged decision overrides it)' })
  parseThreshold(v: string): number {
    return threshold(v);
  }

  @Option({
    flags: '--claim <claim.json>',
    description: 'the vendor claim to test (JSON, or a plain statement)',
  })
  parseClaim(v: string): string {
    return v;
  }

  @Option({ flags: '--pdf <file>', description: 'also write the report as a PDF with vector DET curves' })
  parsePdf(v: string): string {
    return v;
  }

  @Option({
    flags: '--date <YYYY-MM-DD>',
    description: 'the report date (default today); give it to reproduce a report byte for byte',
  })
  parseDate(v: string): string {
    return checkedDate(v);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'dataset',
  arguments: '<manifest.csv>',
  description: 'Run the bundled reference engine over a labelled dataset, unmasked and with synthetic masks',
})
export class EvaluateDatasetCommand extends CommandRunner {
  async run([manifest]: string[], flags: EvaluateFlags): Promise<void> {
    const { evaluateDatasetFile, formatDatasetReport, readClaimFile } = await recognition();
    const claim = flags.claim ? await readClaimFile(flags.claim) : undefined;
    const progress = new Progress();
    try {
      const report = await evaluateDatasetFile(manifest, {
        claim,
        threshold: flags.threshold,
        onImage: (done, total) => progress.update('images', done, total),
      });
      progress.stop();
      await writePdf(flags, datasetReportInput(report, reportDate(flags)));
      if (flags.json) printJson(report);
      else process.stdout.write(formatDatasetReport(report));
    } finally {
      progress.stop();
    }
  }

  @Option({
    flags: '--threshold <t>',
    description: 'similarity threshold (default: the one meeting the claim’s FMR on this data)',
  })
  parseThreshold(v: string): number {
    return threshold(v);
  }

  @Option({ flags: '--claim <claim.json>', description: 'the vendor claim to test' })
  parseClaim(v: string): string {
    return v;
  }

  @Option({ flags: '--pdf <file>', description: 'also write the report as a PDF with vector DET curves' })
  parsePdf(v: string): string {
    return v;
  }

  @Option({
    flags: '--date <YYYY-MM-DD>',
    description: 'the report date (default today); give it to reproduce a report byte for byte',
  })
  parseDate(v: string): string {
    return checkedDate(v);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({
  name: 'evaluate',
  description: 'Verify vendors’ accuracy claims (ISO/IEC 19795 statistics)',
  subCommands: [EvaluateComparisonsCommand, EvaluateDatasetCommand],
})
export class EvaluateCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(
      new DomainError(
        CLI_ERRORS.MISSING_SUBCOMMAND,
        'use `bioaudit evaluate comparisons <file.csv>` or `bioaudit evaluate dataset <manifest.csv>`',
      ),
    );
  }
}
