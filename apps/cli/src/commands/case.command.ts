import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError } from '@app/common';
import { InspectionService } from '@app/inspection';
import { printJson } from '../output';
import { checkedDate } from './inspect.command';

@SubCommand({ name: 'render', description: 'Render (or find) the PDF case file of an audited firm' })
export class CaseRenderCommand extends CommandRunner {
  constructor(private readonly inspection: InspectionService) {
    super();
  }

  async run(
    _: string[],
    flags: { firm?: string; out?: string; json?: boolean; date?: string },
  ): Promise<void> {
    if (!flags.firm) throw new DomainError('CLI.MISSING_OPTION', '--firm <creditCode> is required');
    const f = await this.inspection.renderCase(flags.firm, {
      outDir: flags.out ?? 'out',
      decisionDate: flags.date,
    });
    const out = { path: f.path, sha256: f.sha256, pages: f.pages };
    if (flags.json) printJson(out);
    else process.stdout.write(`${out.path} (${out.pages} pages, sha256 ${out.sha256})\n`);
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
    description: 'decision date, when the firm has not been audited yet',
  })
  parseDate(v: string): string {
    return checkedDate(v);
  }
}

@Command({ name: 'case', description: 'Case files', subCommands: [CaseRenderCommand] })
export class CaseCommand extends CommandRunner {
  run(): Promise<void> {
    return Promise.reject(
      new DomainError('CLI.MISSING_SUBCOMMAND', 'use `bioaudit case render --firm <creditCode>`'),
    );
  }
}
