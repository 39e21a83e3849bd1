import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError } from '@app/common';
import { InspectionService } from '@app/inspection';
import { CLI_ERRORS } from '../cli.errors';
import { printJson } from '../output';
import {
  checkedDate,
  checkedOptionalDate,
  clockWarning,
  statedDates,
  type CaseDateFlags,
} from './inspect.command';

@Command({ name: 'audit', description: 'Audit an ingested firm: findings and the proposed fine' })
export class AuditCommand extends CommandRunner {
  constructor(private readonly inspection: InspectionService) {
    super();
  }

  async run(_: string[], flags: CaseDateFlags & { firm?: string; json?: boolean }): Promise<void> {
    if (!flags.firm) throw new DomainError(CLI_ERRORS.MISSING_OPTION, '--firm <creditCode> is required');
    const { firm, audit, penalty } = await this.inspection.auditAndAssess(flags.firm, statedDates(flags));
    // Every version of the case's assessment, oldest first: a new set of dates never overwrites the old.
    const versions = await this.inspection.assessmentVersions(audit.caseId);
    // The firm by its own identity (name, credit code, region, zone), never a database row id.
    const out = {
      firm: { name: firm.name, creditCode: firm.creditCode, region: firm.region, timezone: firm.timezone },
      case: {
        number: audit.caseNumber,
        ...audit.dates,
        assessmentVersion: penalty?.assessmentVersion ?? null,
      },
      findings: this.inspection.publicFindings(audit),
      penalty,
      versions,
    };
    process.stderr.write(clockWarning(audit.dates));
    if (flags.json) printJson(out);
    else if (penalty === null) {
      // Every capture consented and no site finding: a result, not an error (exit 0), and no penalty.
      process.stdout.write(
        `Case ${audit.caseNumber} (decision date ${audit.dates.decisionDate}): no findings; all ${out.findings.capturesAudited} captures have valid consent; no penalty proposed\n`,
      );
    } else {
      const f = out.findings;
      process.stdout.write(
        `Case ${audit.caseNumber} (assessment version ${penalty.assessmentVersion}, decision date ${audit.dates.decisionDate}): ${f.capturesWithoutValidConsent} of ${f.capturesAudited} captures lack valid consent, ${f.affectedSubjects} persons affected; proposed fine ${penalty.currency} ${penalty.amount}\n` +
          versions
            .map(
              (v) =>
                `  version ${v.version}: decision ${v.decisionDate}${v.decisionDateFromClock ? ' (clock)' : ''}, discovered ${v.discoveryDate ?? 'unknown'}, filed ${v.filingDate ?? 'unknown'} — ${v.currency} ${v.amount} (${v.tier}; ${v.rulebook} ${v.rulebookVersion})\n`,
            )
            .join(''),
      );
    }
  }

  @Option({
    flags: '--firm <creditCode>',
    description: 'unified social credit code of the firm',
    required: true,
  })
  parseFirm(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  @Option({
    flags: '--date <YYYY-MM-DD>',
    description: 'decision date of the case (default: the latest assessment’s, else today with a warning)',
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
