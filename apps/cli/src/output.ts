import { MultiBar, Presets } from 'cli-progress';

/** Writes one JSON document on stdout (the only thing a `--json` run prints there). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Progress bars on stderr when it is a terminal; silent otherwise (CI, pipes, --json consumers). */
export class Progress {
  private readonly multi = process.stderr.isTTY
    ? new MultiBar(
        {
          stream: process.stderr,
          format: ' {label} |{bar}| {value} records',
          hideCursor: true,
          clearOnComplete: false,
        },
        Presets.shades_classic,
      )
    : null;
  private readonly bars = new Map<string, ReturnType<MultiBar['create']>>();

  stage(label: string): void {
    if (!this.multi) return;
    this.multi.log(`${label}\n`);
  }

  update(label: string, value: number, total?: number): void {
    if (!this.multi) return;
    let bar = this.bars.get(label);
    if (!bar) {
      bar = this.multi.create(total ?? value, 0, { label: label.padEnd(9) });
      this.bars.set(label, bar);
    }
    if (total === undefined && value > bar.getTotal()) bar.setTotal(value);
    bar.update(value);
  }

  stop(): void {
    this.multi?.stop();
  }
}
