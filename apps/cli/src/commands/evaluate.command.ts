import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError } from '@app/common';
import {
  evaluateComparisonsFile,
  evaluateDatasetFile,
  formatComparisonsReport,
  formatDatasetReport,
  readClaimFile,
} from '@app/recognition';
import { printJson, Progress } from '../output';

interface EvaluateFlags {
  threshold?: number;
  claim?: string;
  json?: boolean;
}

function threshold(v: string): number {
  const t = Number(v);
  if (!Number.isFinite(t))
    throw new DomainError('CLI.BAD_THRESHOLD', `--threshold must be a number, got "${v}"`);
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
    const claim = flags.claim ? await readClaimFile(flags.claim) : undefined;
    const report = await evaluateComparisonsFile(file, { threshold: flags.threshold, claim });
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
    const claim = flags.claim ? await readClaimFile(flags.claim) : undefined;
    const progress = new Progress();
    try {
      const report = await evaluateDatasetFile(manifest, {
        claim,
        threshold: flags.threshold,
        onImage: (done, total) => progress.update('images', done, total),
      });
      progress.stop();
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
        'CLI.MISSING_SUBCOMMAND',
        'use `bioaudit evaluate comparisons <file.csv>` or `bioaudit evaluate dataset <manifest.csv>`',
      ),
    );
  }
}
