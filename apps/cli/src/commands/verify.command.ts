import { Command, CommandRunner, Option } from 'nest-commander';
import { SchemaService, VerifyService } from '@app/inspection';

@Command({
  name: 'verify',
  description:
    'Prove the evidence against the custody chain: the chain, every recorded row, raw file, case file and batch; exits 4 naming the first break. --anchor prints the chain head to keep elsewhere',
})
export class VerifyCommand extends CommandRunner {
  constructor(
    private readonly schema: SchemaService,
    private readonly verifier: VerifyService,
  ) {
    super();
  }

  async run(_: string[], flags: { firm?: string; anchor?: boolean; against?: string[] }): Promise<void> {
    await this.schema.ready();
    if (flags.anchor) {
      process.stdout.write(`${(await this.verifier.anchor()) ?? 'the custody chain is empty'}\n`);
      return;
    }
    const s = await this.verifier.verify({ firm: flags.firm, anchors: flags.against ?? [] });
    process.stdout.write(
      `intact: ${s.entries} chain entries, ${s.files} files re-hashed, ${s.batches} batches' rows re-digested` +
        `${s.anchorsChecked ? `, ${s.anchorsChecked} anchors matched` : ''}${flags.firm ? ` (firm ${flags.firm})` : ''}\n` +
        `anchor: ${s.anchor ?? '-'}\n`,
    );
  }

  @Option({ flags: '--firm <creditCode>', description: 'check only this firm’s batches, cases and files' })
  parseFirm(v: string): string {
    return v;
  }

  @Option({ flags: '--anchor', description: 'print the anchor (digest of the chain head) and check nothing' })
  parseAnchor(): boolean {
    return true;
  }

  @Option({
    flags: '--against <anchor>',
    description: 'also prove the chain still holds an anchor exported earlier (repeatable)',
  })
  parseAgainst(v: string, prev: string[] = []): string[] {
    return [...prev, v];
  }
}
