import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AccountService } from '@app/auth';
import { DemoTerminals } from '@app/collection';
import { Clock, DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { generateInspection } from '@app/example';
import { CASE_DATES_FILE, InspectionService } from '@app/inspection';
import { CLI_ERRORS } from '../cli.errors';
import { printJson, Progress } from '../output';
import { ensureDemoAccounts } from './demo-accounts';
import {
  checkedDate,
  checkedOptionalDate,
  caseFileWarnings,
  inspectionText,
  statedDates,
  type CaseDateFlags,
} from './inspect.command';

/**
 * The example's case dates, written to its case.json. The reports give "December 2020" for Ningbo AMR's
 * inspection of the sales offices and 21–23 April 2021 for the decisions (legal-facts §1.11): the demo
 * takes the clue as received at an inspection on 10 December 2020, the case as filed two weeks later
 * (within the 15 working days the SAMR procedure provisions allow) and the decision as dated
 * 21 April 2021, the day the fines were reported. The captures run on to the end of December 2020: the
 * conduct continued after the inspection until the firm stopped it.
 */
export const DEMO_CASE_DATES = {
  discoveryDate: '2020-12-10',
  filingDate: '2020-12-24',
  decisionDate: '2021-04-21',
} as const;

/** Which example a BIOAUDIT_HOME holds (demo/example.json): the demo never mixes two examples' evidence. */
interface DemoMarker {
  seed: number;
  captures: number;
  folder: string;
}

interface DemoFlags extends CaseDateFlags {
  captures?: number;
  seed?: number;
  out?: string;
  json?: boolean;
}

/** Validates a whole-number option in [min, max]. */
function checkedInteger(v: string, flag: string, min: number, max: number): number {
  const n = /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new DomainError(
      CLI_ERRORS.BAD_NUMBER,
      `${flag} must be a whole number from ${min} to ${max}, got "${v}"`,
    );
  return n;
}

/**
 * Builds the bundled Ningbo-like example (seeded, so always the same files) and inspects it. The example's
 * case.json states the case dates (DEMO_CASE_DATES); `--date`, `--discovery-date` and `--filing-date`
 * override them. Every example of one firm shares its credit code, so one BIOAUDIT_HOME holds one example:
 * other `--seed`/`--captures` are refused with the reason instead of reporting the old evidence again. The
 * demo bureau's accounts are created once (demo-accounts.ts), so `serve` can walk the example's case.
 */
@Command({
  name: 'demo',
  description: 'Generate the bundled Ningbo-like example and inspect it (PDF in ./out)',
})
export class DemoCommand extends CommandRunner {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inspection: InspectionService,
    private readonly accounts: AccountService,
    private readonly terminals: DemoTerminals,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_: string[], flags: DemoFlags): Promise<void> {
    const captures = flags.captures ?? 300_000;
    const seed = flags.seed ?? 2021;
    const demoDir = path.join(this.config.home, 'demo');
    const folder = path.join(demoDir, `ningbo-example-${seed}-${captures}`);
    this.claimHome(path.join(demoDir, 'example.json'), { seed, captures, folder });
    const progress = new Progress();
    try {
      if (!existsSync(path.join(folder, 'expected.json'))) {
        progress.stage(`generating the example in ${folder}`);
        await generateInspection({ outDir: folder, seed, captures });
      }
      const caseFile = path.join(folder, CASE_DATES_FILE);
      if (!existsSync(caseFile)) writeFileSync(caseFile, `${JSON.stringify(DEMO_CASE_DATES, null, 2)}\n`);
      const report = await this.inspection.inspect(folder, {
        outDir: flags.out ?? 'out',
        ...statedDates(flags),
        onProgress: (kind, n) => progress.update(kind, n),
        onStage: (s) => progress.stage(s),
      });
      // The example's case is a clue of the demo bureau: its accounts walk it through the procedure.
      await ensureDemoAccounts(this.accounts, this.config.home, report.firm.creditCode);
      // Two simulated terminals of the firm, which `serve` runs and its schedule collects from every 15 minutes.
      const terminals = await this.terminals.register(report.firm.creditCode, this.clock.now());
      progress.stop();
      process.stderr.write(caseFileWarnings(this.config, report.case));
      if (flags.json) printJson(report);
      else {
        process.stdout.write(`Example folder ${folder}\n${inspectionText(report)}`);
        process.stdout.write(
          `\nThe case is a clue (线索) waiting to be filed: \`npx bioaudit serve\` starts the API and prints the demo bureau's accounts (inspectors, legal reviewer, head, admin, observer, the firm).\n`,
        );
        process.stdout.write(
          `Simulated face terminals registered for the firm (${terminals.map((t) => t.device).join(', ')}): \`serve\` runs them and collects their events every 15 minutes (\`bioaudit devices list\`, \`bioaudit schedules run collect\`).\n`,
        );
      }
    } finally {
      progress.stop();
    }
  }

  /** Records which example this home holds, or refuses another one (CLI.DEMO_HOME_IN_USE). */
  private claimHome(markerFile: string, wanted: DemoMarker): void {
    if (existsSync(markerFile)) {
      const held = JSON.parse(readFileSync(markerFile, 'utf8')) as DemoMarker;
      if (held.seed !== wanted.seed || held.captures !== wanted.captures) {
        throw new DomainError(
          CLI_ERRORS.DEMO_HOME_IN_USE,
          `${this.config.home} already holds the demo example with --seed ${held.seed} --captures ${held.captures}, and the examples share one firm: its evidence would be mixed with this one; run with those options, or give another BIOAUDIT_HOME for --seed ${wanted.seed} --captures ${wanted.captures}`,
          { held, wanted },
        );
      }
      return;
    }
    mkdirSync(path.dirname(markerFile), { recursive: true });
    writeFileSync(markerFile, `${JSON.stringify(wanted, null, 2)}\n`);
  }

  @Option({ flags: '--captures <n>', description: 'number of capture events to generate (default 300000)' })
  parseCaptures(v: string): number {
    return checkedInteger(v, '--captures', 1, 100_000_000);
  }

  @Option({ flags: '--seed <n>', description: 'generator seed (default 2021)' })
  parseSeed(v: string): number {
    return checkedInteger(v, '--seed', 0, 2 ** 32 - 1);
  }

  @Option({ flags: '--out <dir>', description: 'where to write the case file (default ./out)' })
  parseOut(v: string): string {
    return v;
  }

  @Option({
    flags: '--date <YYYY-MM-DD>',
    description: `decision date of the case (default ${DEMO_CASE_DATES.decisionDate}, from the example's case.json)`,
  })
  parseDate(v: string): string {
    return checkedDate(v);
  }

  @Option({
    flags: '--discovery-date <YYYY-MM-DD>',
    description: `date the clue was received (default ${DEMO_CASE_DATES.discoveryDate}; or "unknown")`,
  })
  parseDiscoveryDate(v: string): string {
    return checkedOptionalDate(v, '--discovery-date');
  }

  @Option({
    flags: '--filing-date <YYYY-MM-DD>',
    description: `date the case was filed, 立案 (default ${DEMO_CASE_DATES.filingDate}; or "unknown")`,
  })
  parseFilingDate(v: string): string {
    return checkedOptionalDate(v, '--filing-date');
  }

  @Option({ flags: '--json', description: 'print one JSON document on stdout' })
  parseJson(): boolean {
    return true;
  }
}
