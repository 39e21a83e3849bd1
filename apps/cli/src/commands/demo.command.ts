import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { generateInspection } from '@app/example';
import { InspectionService } from '@app/inspection';
import { printJson, Progress } from '../output';
import { checkedDate, inspectionText } from './inspect.command';

/** The day Ningbo AMR's three face-capture fines were reported. */
const DEMO_DECISION_DATE = '2021-04-21';

interface DemoFlags {
  date?: string;
  captures?: number;
  seed?: number;
  out?: string;
  json?: boolean;
}

/**
 * Builds the bundled Ningbo-like example (seeded, so always the same files) and inspects it. Its captures
 * run from April 2019 to December 2020, so the case is decided as of the day the Ningbo fines were announced
 * (a decision dated today would find the conduct time-barred under APL art. 36).
 */
@Command({
  name: 'demo',
  description: 'Generate the bundled Ningbo-like example and inspect it (PDF in ./out)',
})
export class DemoCommand extends CommandRunner {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inspection: InspectionService,
  ) {
    super();
  }

  async run(_: string[], flags: DemoFlags): Promise<void> {
    const captures = flags.captures ?? 300_000;
    const seed = flags.seed ?? 2021;
    const folder = path.join(this.config.home, 'demo', `ningbo-example-${seed}-${captures}`);
    const progress = new Progress();
    try {
      if (!existsSync(path.join(folder, 'expected.json'))) {
        progress.stage(`generating the example in ${folder}`);
        await generateInspection({ outDir: folder, seed, captures });
      }
      const report = await this.inspection.inspect(folder, {
        outDir: flags.out ?? 'out',
        decisionDate: flags.date ?? DEMO_DECISION_DATE,
        onProgress: (kind, n) => progress.update(kind, n),
        onStage: (s) => progress.stage(s),
      });
      progress.stop();
      if (flags.json) printJson(report);
      else process.stdout.write(`Example folder ${folder}\n${inspectionText(report)}`);
    } finally {
      progress.stop();
    }
  }

  @Option({ flags: '--captures <n>', description: 'number of capture events to generate (default 300000)' })
  parseCaptures(v: string): number {
    return Number.parseInt(v, 10);
  }

  @Option({ flags: '--seed <n>', description: 'generator seed (default 2021)' })
  parseSeed(v: string): number {
    return Number.parseInt(v, 10);
  }

  @Option({ flags: '--out <dir>', description: 'where to write the case file (default ./out)' })
  parseOut(v: string): string {
    return v;
  }

  @Option({
    flags: '--date <YYYY-MM-DD>',
    description: `decision date of the case (default ${DEMO_DECISION_DATE})`,
  })
  parseDate(v: string): string {
    return checkedDate(v);
  }

  @Option({ flags: '--json', description: 'print one JSON document on stdout' })
  parseJson(): boolean {
    return true;
  }
}
