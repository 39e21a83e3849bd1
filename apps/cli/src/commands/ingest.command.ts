import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { IngestService, SchemaService } from '@app/inspection';
import { printJson, Progress } from '../output';
import { checkedEncoding, checkedFormat } from './inspect.command';

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

@Command({
  name: 'ingest',
  arguments: '<folder>',
  description:
    'Ingest an inspection folder only (firm, devices, captures, consents); `ingest verify <batch>` proves a file unchanged',
  subCommands: [IngestVerifyCommand],
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
    const ingest = {
      captures: r.captures,
      consents: r.consents,
      captureFiles: r.captureFiles,
      refusedFiles: r.refusedFiles,
    };
    if (flags.json) {
      printJson(ingest);
      return;
    }
    const lines: [
      string,
      { read: number; accepted: number; duplicates: number; skipped: number; rejected: number },
    ][] = [
      ['devices', r.devices],
      ['captures', r.captures],
      ...r.captureFiles.map((f): [string, typeof f] => [`  ${f.fileName} (${f.format}, ${f.encoding})`, f]),
      ['consents', r.consents],
    ];
    for (const [k, c] of lines) {
      process.stdout.write(
        `${k.padEnd(9)} read ${c.read}, accepted ${c.accepted}, duplicates ${c.duplicates}, skipped ${c.skipped}, rejected ${c.rejected}\n`,
      );
    }
    for (const f of r.refusedFiles) process.stdout.write(`refused  ${f.fileName}: ${f.code} ${f.message}\n`);
    for (const b of r.batches)
      process.stdout.write(
        `batch ${b.id.padStart(4)} ${b.kind.padEnd(9)} ${b.fileName} sha256 ${b.sha256}\n`,
      );
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
