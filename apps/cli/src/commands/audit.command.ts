import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError } from '@app/common';
import { InspectionService } from '@app/inspection';
import { printJson } from '../output';
import { checkedDate } from './inspect.command';

@Command({ name: 'audit', description: 'Audit an ingested firm: findings and the proposed fine' })
export class AuditCommand extends CommandRunner {
  constructor(private readonly inspection: InspectionService) {
    super();
  }

  async run(_: string[], flags: { firm?: string; json?: boolean; date?: string }): Promise<void> {
    if (!flags.firm) throw new DomainError('CLI.MISSING_OPTION', '--firm <creditCode> is required');
    const { firm, audit, penalty } = await this.inspection.auditAndAssess(flags.firm, {
      decisionDate: flags.date,
    });
    const out = {
      firm,
      case: { number: audit.caseNumber, decisionDate: audit.decisionDate },
      findings: this.inspection.publicFindings(audit),
      penalty,
    };
    if (flags.json) printJson(out);
    else {
      const f = out.findings;
      process.stdout.write(
        `Case ${audit.caseNumber}: ${f.capturesWithoutValidConsent} of ${f.capturesAudited} captures lack valid consent, ${f.affectedSubjects} persons affected; proposed fine ${penalty.currency} ${penalty.amount}\n`,
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

  @Option({ flags: '--date <YYYY-MM-DD>', description: 'decision date of the case' })
  parseDate(v: string): string {
    return checkedDate(v);
  }
}
