import type { BatchWait } from '@app/queue';

/** The part of a stream the progress line needs (process.stderr in the CLI). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * What a caller waiting on the workers shows: on a terminal, one line rewritten in place (chunks stored of
 * the batch's total); otherwise (a pipe, a log file, CI) a line every `intervalMs`, the first one only after
 * that long, so a batch the workers finish quickly prints nothing.
 */
export class BatchWaitProgress {
  private shown = '';
  private lastLineAt = 0;

  constructor(
    private readonly out: ProgressStream,
    private readonly intervalMs: number,
  ) {}

  update(w: BatchWait): void {
    const text =
      `waiting for workers: ${w.kind} batch ${w.batchId}: ${w.done}/${w.total} chunks stored ` +
      `(${Math.floor(w.elapsedMs / 1000)} s)`;
    if (this.out.isTTY) {
      if (text !== this.shown) this.out.write(`\r\x1b[K${text}`);
      this.shown = text;
      return;
    }
    if (w.elapsedMs - this.lastLineAt >= this.intervalMs) {
      this.lastLineAt = w.elapsedMs;
      this.out.write(`${text}\n`);
    }
  }

  /** Clears the terminal line, so what follows starts on a clean line. */
  end(): void {
    if (this.out.isTTY && this.shown) this.out.write('\r\x1b[K');
    this.shown = '';
  }
}
