import { once } from 'node:events';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DomainError } from '@app/common';
import { IngestService, SchemaService } from '@app/inspection';
import { printJson, Progress } from '../output';
import { checkedEncoding, checkedFormat } from './inspect.command';

/** Quarantined records listed inline per file by `ingest --json`; the rest via `ingest quarantine <batch>`. */
export const INLINE_QUARANTINE = 100;

type Counts = {
  read: number;
  accepted: number;
  duplicates: number;
  conflicts: number;
  skipped: number;
  rejected: number;
};

/** Writes to stdout, waiting when the pipe is full, so a listing of millions streams in flat memory. */
async function out(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

@SubCommand({
  name: 'quarantine',
  arguments: '<batch>',
  description:
    'List a batch’s quarantined records in full (rejected and conflicting): file, line, field, reason code, message',
})
export class IngestQuarantineCommand extends CommandRunner {
  constructor(
    private readonly schema: SchemaService,
    private readonly ingest: IngestService,
  ) {
    super();
  }

  async run([batchId]: string[], flags: { json?: boolean }): Promise<void> {
    await this.schema.ready();
    const { batch, records } = await this.ingest.quarantineOf(batchId);
    // `ingest` itself has --json too, and commander hands a flag its parent knows to the parent.
    const json = flags.json ?? this.command.parent?.opts<{ json?: boolean }>().json === true;
    if (json) {
      // One JSON document, written record by record: {"batch": {...}, "records": [ ... ]}.
      await out(`{\n  "batch": ${JSON.stringify(batch)},\n  "records": [`);
      let first = true;
      for await (const page of records) {
        let chunk = '';
        for (const r of page) {
          chunk += `${first ? '' : ','}\n    ${JSON.stringify(r)}`;
          first = false;
        }
        await out(chunk);
      }
      await out(`${first ? '' : '\n  '}]\n}\n`);
      return;
    }
    await out(
      `batch ${batch.id} ${batch.kind} ${batch.fileName} sha256 ${batch.sha256}: ${countLine(batch)}\n`,
    );
    for await (const page of records) {
      let chunk = '';
      for (const r of page) {
        chunk += `${r.fileName}:${r.lineNo}\t${r.kind}\t${r.reasonCode}\t${r.field ?? '-'}\t${r.message}\n`;
      }
      await out(chunk);
    }
  }

  @Option({ flags: '--json', description: 'print the batch and its records as one JSON document' })
  parseJson(): boolean {
    return true;
  }
}

function countLine(c: Counts): string {
  return `read ${c.read}, accepted ${c.accepted}, duplicates ${c.duplicates}, conflicts ${c.conflicts}, skipped ${c.skipped}, rejected ${c.rejected}`;
}

@SubCommand({
  name: 'verify',
  arguments: '<batch>',
  description:
    'Re-hash a batch’s stored file and prove it unchanged since receipt (prints the proof as JSON)',
})
export class IngestVerifyCommand extends CommandRunner {
  constructor(
    private readonly schema: SchemaService,
    private readonly ingest: IngestService,
  ) {
    super();
  }

  async run([batch]: string[]): Promise<void> {
    await this.schema.ready();
    // The proof is a document (batch, file, recorded and actual SHA-256): always JSON.
    printJson(await this.ingest.verify(batch));
  }
}

@SubCommand({
  name: 'failed',
  description:
    'List failed batches with their reason (re-ingesting the same file retries one, `ingest discard <batch>` drops it)',
})
export class IngestFailedCommand extends CommandRunner {
  constructor(
    private readonly schema: SchemaService,
    private readonly ingest: IngestService,
  ) {
    super();
  }

  async run(_: string[], flags: { firm?: string; json?: boolean }): Promise<void> {
    await this.schema.ready();
    const failed = await this.ingest.failedBatches(flags.firm);
    const json = flags.json ?? this.command.parent?.opts<{ json?: boolean }>().json === true;
    if (json) {
      printJson({ failed });
      return;
    }
    if (failed.length === 0) process.stdout.write('no failed batches\n');
    for (const b of failed) {
      process.stdout.write(
        `batch ${b.batch} ${b.firm} ${b.kind} ${b.fileName} sha256 ${b.sha256} failed ${b.failedAt ?? '-'}: ${b.code} ${b.message}\n`,
      );
    }
  }

  @Option({ flags: '--firm <creditCode>', description: 'only this firm’s failed batches' })
  parseFirm(v: string): string {
    return v;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'discard',
  arguments: '<batch>',
  description:
    'Discard a failed batch (or one an interrupted ingest left receiving) so the firm can be audited without it',
})
export class IngestDiscardCommand extends CommandRunner {
  constructor(
    private readonly schema: SchemaService,
    private readonly ingest: IngestService,
  ) {
    super();
  }

  async run([batch]: string[]): Promise<void> {
    await this.schema.ready();
    printJson(await this.ingest.discard(batch));
  }
}

@Command({
  name: 'ingest',
  arguments: '<folder>',
  description:
    'Ingest an inspection folder only (firm, devices, captures, consents); `ingest verify <batch>` proves a file unchanged, `ingest quarantine <batch>` lists its refused and conflicting records, `ingest failed` lists failed batches, `ingest discard <batch>` drops one',
  subCommands: [IngestVerifyCommand, IngestQuarantineCommand, IngestFailedCommand, IngestDiscardCommand],
})
export class IngestCommand extends CommandRunner {
  constructor(
    private readonly schema: SchemaService,
    private readonly ingest: IngestService,
  ) {
    super();
  }

  async run(
    [folder]: string[],
    flags: { json?: boolean; format?: string; encoding?: string },
  ): Promise<void> {
    await this.schema.ready();
    const progress = new Progress();
    const r = await this.ingest
      .ingestFolder(folder, {
        onProgress: (k, n) => progress.update(k, n),
        captures: { format: flags.format, encoding: flags.encoding },
      })
      .finally(() => progress.stop());
    // Each file with quarantined records lists the first ones inline; the command lists them all.
    const quarantine = [];
    for (const b of r.batches) {
      const records = [];
      for await (const page of this.ingest.quarantined([b.id], INLINE_QUARANTINE)) {
        records.push(...page);
        break;
      }
      if (records.length === 0) continue;
      const counts = this.countsOf(r, b.id, b.kind);
      const total = counts ? counts.rejected + counts.conflicts : records.length;
      quarantine.push({
        fileName: b.fileName,
        batch: b.id,
        kind: b.kind,
        sha256: b.sha256,
        rejected: counts?.rejected ?? null,
        conflicts: counts?.conflicts ?? null,
        records,
        more: Math.max(0, total - records.length),
        command: `bioaudit ingest quarantine ${b.id}`,
      });
    }
    const ingest = {
      captures: r.captures,
      consents: r.consents,
      devices: r.devices,
      captureFiles: r.captureFiles,
      refusedFiles: r.refusedFiles,
      failedBatches: r.failedBatches,
      quarantine,
    };
    if (flags.json) {
      printJson(ingest);
      this.failIfAnyFailed(r.failedBatches);
      return;
    }
    const lines: [string, Counts][] = [
      ['devices', r.devices],
      ['captures', r.captures],
      ...r.captureFiles.map((f): [string, typeof f] => [`  ${f.fileName} (${f.format}, ${f.encoding})`, f]),
      ['consents', r.consents],
    ];
    for (const [k, c] of lines) {
      process.stdout.write(`${k.padEnd(9)} ${countLine(c)}\n`);
    }
    for (const q of quarantine) {
      process.stdout.write(
        `quarantine ${q.fileName}: ${q.records.length + q.more} record(s); all of them: ${q.command}\n`,
      );
      for (const x of q.records.slice(0, 5)) {
        process.stdout.write(`  line ${x.lineNo} ${x.reasonCode} ${x.field ?? '-'}: ${x.message}\n`);
      }
    }
    for (const f of r.refusedFiles) process.stdout.write(`refused  ${f.fileName}: ${f.code} ${f.message}\n`);
    for (const f of r.failedBatches) {
      process.stdout.write(
        `failed   ${f.fileName}: ${f.code} ${f.message} (batch ${f.batch}: not evidence; re-ingest the same file to retry, or bioaudit ingest discard ${f.batch})\n`,
      );
    }
    for (const b of r.batches)
      process.stdout.write(
        `batch ${b.id.padStart(4)} ${b.kind.padEnd(9)} ${b.fileName} sha256 ${b.sha256}${b.status === 'completed' ? '' : ` ${b.status}`}\n`,
      );
    this.failIfAnyFailed(r.failedBatches);
  }

  /** After the report: a failed batch makes the run fail with its own code (and exit code). */
  private failIfAnyFailed(
    failed: { batch: string; fileName: string; code: string; message: string }[],
  ): void {
    const f = failed[0];
    if (f === undefined) return;
    throw new DomainError(
      f.code,
      `${f.fileName}: ${f.message} (batch ${f.batch} failed; ${failed.length} failed in all)`,
      {
        failedBatches: failed,
      },
    );
  }

  /** A batch's counts from the report (capture files, consents, devices), when it lists them. */
  private countsOf(
    r: Awaited<ReturnType<IngestService['ingestFolder']>>,
    batchId: string,
    kind: string,
  ): Counts | null {
    const file = r.captureFiles.find((f) => f.batch === batchId);
    if (file) return file;
    if (kind === 'consents') return r.consents;
    if (kind === 'devices') return r.devices;
    return null;
  }

  @Option({
    flags: '--format <format>',
    description: 'force the capture export format instead of detecting it',
  })
  parseFormat(v: string): string {
    return checkedFormat(v);
  }

  @Option({
    flags: '--encoding <encoding>',
    description: 'force the text encoding of capture files (e.g. gb18030)',
  })
  parseEncoding(v: string): string {
    return checkedEncoding(v);
  }

  @Option({ flags: '--json', description: 'print the ingest counts as JSON' })
  parseJson(): boolean {
    return true;
  }
}
