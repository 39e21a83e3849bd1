import { readFile } from 'node:fs/promises';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError } from '@app/common';
import {
  FineCalculator,
  assessmentToJson,
  formatAssessmentText,
  formatRulebooksText,
  parsePenaltyFacts,
} from '@app/penalties';
import { CLI_ERRORS } from '../cli.errors';
import { printJson } from '../output';

@Command({
  name: 'fine',
  description: 'Propose a fine from a facts document, with every step and its citation',
})
export class FineCommand extends CommandRunner {
  private readonly calculator = new FineCalculator();

  async run(_: string[], flags: { facts?: string; rulebook?: string; json?: boolean }): Promise<void> {
    if (!flags.facts) throw new DomainError(CLI_ERRORS.MISSING_OPTION, '--facts <file.json> is required');
    let json: unknown;
    try {
      json = JSON.parse(await readFile(flags.facts, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR')
        throw new DomainError(CLI_ERRORS.FILE_NOT_FOUND, `${flags.facts}: no such file`);
      throw new DomainError(CLI_ERRORS.BAD_JSON, `${flags.facts}: not valid JSON (${(e as Error).message})`);
    }
    const a = this.calculator.assess(parsePenaltyFacts(json), { rulebook: flags.rulebook });
    if (flags.json) printJson(assessmentToJson(a));
    else process.stdout.write(formatAssessmentText(a));
  }

  @Option({
    flags: '--facts <file.json>',
    description: 'the facts document (see docs/rulebooks/README.md)',
    required: true,
  })
  parseFacts(v: string): string {
    return v;
  }

  @Option({
    flags: '--rulebook <id>',
    description: 'use this rulebook instead of the one chosen by jurisdiction and dates',
  })
  parseRulebook(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({ name: 'rulebooks', description: 'List the rulebooks and their versions' })
export class RulebooksCommand extends CommandRunner {
  private readonly calculator = new FineCalculator();

  run(_: string[], flags: { json?: boolean }): Promise<void> {
    const books = this.calculator.rulebooks();
    if (flags.json) printJson(books);
    else process.stdout.write(formatRulebooksText(books));
    return Promise.resolve();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}
