import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { InspectionService } from '@app/inspection';
import { CLI_ERRORS } from '../cli.errors';
import { printJson } from '../output';
import {
  checkedDate,
  checkedOptionalDate,
  caseFileWarnings,
  statedDates,
  type CaseDateFlags,
} from './inspect.command';

@SubCommand({
  name: 'render',
  description: 'Render (or find) the PDF case file of an audited firm, for its latest assessment version',
})
export class CaseRenderCommand extends CommandRunner {
  constructor(
    private readonly inspection: InspectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(
    _: string[],
    flags: CaseDateFlags & { firm?: string; out?: string; json?: boolean },
  ): Promise<void> {
    if (!flags.firm) throw new DomainError(CLI_ERRORS.MISSING_OPTION, '--firm <creditCode> is required');
    const {
      audit,
      penalty,
      caseFile: f,
    } = await this.inspection.renderCase(flags.firm, { ...statedDates(flags), outDir: flags.out ?? 'out' });
    if (f === null || penalty === null) {
      // No finding: nothing to decide, so no penalty document is issued.
      const none = { path: null, case: { number: audit.caseNumber, ...audit.dates }, findings: 'none' };
      if (flags.json) printJson(none);
      else process.stdout.write(`Case ${audit.caseNumber}: no findings; no case file issued\n`);
      return;
    }
    process.stderr.write(caseFileWarnings(this.config, audit.dates));
    const out = {
      path: f.path,
      sha256: f.sha256,
      pages: f.pages,
      case: { number: audit.caseNumber, ...audit.dates, assessmentVersion: penalty.assessmentVersion },
    };
    if (flags.json) printJson(out);
    else
      process.stdout.write(
        `${out.path} (${out.pages} pages, sha256 ${out.sha256}; assessment version ${out.case.assessmentVersion}, decision date ${out.case.decisionDate})\n`,
      );
  }

  @Option({
    flags: '--firm <creditCode>',
    description: 'unified social credit code of the firm',
    required: true,
  })
  parseFirm(v: string): string {
    return v;
  }

  @Option({ flags: '--out <dir>', description: 'where to copy the PDF (default ./out)' })
  parseOut(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  @Option({
    flags: '--date <YYYY-MM-DD>',
    description:
      'decision date (default: the latest assessment’s; a new date makes a new assessment version)',
  })
  parseDate(v: string): string {
    return checkedDate(v);
  }

  @Option({
    flags: '--discovery-date <YYYY-MM-DD>',
    description: 'date the clue was received / the conduct discovered (or "unknown")',
  })
  parseDiscoveryDate(v: string): string {
    return checkedOptionalDate(v, '--discovery-date');
  }

  @Option({
    flags: '--filing-date <YYYY-MM-DD>',
    description: 'date the case was filed, 立案 (or "unknown")',
  })
  parseFilingDate(v: string): string {
    return checkedOptionalDate(v, '--filing-date');
  }
}

@Command({ name: 'case', description: 'Case files', subCommands: [CaseRenderCommand] })
export class CaseCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(
      new DomainError(CLI_ERRORS.MISSING_SUBCOMMAND, 'use `bioaudit case render --firm <creditCode>`'),
    );
  }
}
