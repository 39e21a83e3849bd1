import { readFileSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError } from '@app/common';
import { SchemaService, VerifyService } from '@app/inspection';
import { CLI_ERRORS } from '../cli.errors';

interface VerifyFlags {
  firm?: string;
  anchor?: boolean;
  publicKey?: boolean;
  against?: string[];
  publicKeyFile?: string;
}

@Command({
  name: 'verify',
  description:
    'Prove the evidence against the custody chain: the chain, every recorded row, raw file, case file and batch; exits 4 naming the first break. --anchor prints the signed chain head to keep elsewhere, --public-key the key that checks it',
})
export class VerifyCommand extends CommandRunner {
  constructor(
    private readonly schema: SchemaService,
    private readonly verifier: VerifyService,
  ) {
    super();
  }

  async run(_: string[], flags: VerifyFlags): Promise<void> {
    if (flags.publicKey) {
      // No database needed: the key is configuration.
      const k = this.verifier.publicKey();
      process.stdout.write(`${k.pem.trimEnd()}\nfingerprint (SHA-256 of the DER): ${k.fingerprint}\n`);
      return;
    }
    // Read before touching the database: a key file that is not there is the command line's fault.
    const publicKeyPem = flags.publicKeyFile === undefined ? undefined : readKey(flags.publicKeyFile);
    await this.schema.ready();
    if (flags.anchor) {
      process.stdout.write(`${(await this.verifier.anchor()) ?? 'the custody chain is empty'}\n`);
      return;
    }
    const s = await this.verifier.verify({ firm: flags.firm, anchors: flags.against ?? [], publicKeyPem });
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

  @Option({
    flags: '--anchor',
    description: 'print the signed anchor (digest of the chain head, Ed25519-signed) and check nothing',
  })
  parseAnchor(): boolean {
    return true;
  }

  @Option({
    flags: '--public-key',
    description: 'print the public key (PEM) that checks signed anchors, with its SHA-256 fingerprint',
  })
  parsePublicKey(): boolean {
    return true;
  }

  @Option({
    flags: '--against <anchor>',
    description:
      'also prove the chain still holds an anchor exported earlier, v1 or signed v2 (repeatable); a bad signature exits 4',
  })
  parseAgainst(v: string, prev: string[] = []): string[] {
    return [...prev, v];
  }

  @Option({
    flags: '--public-key-file <pem>',
    description: 'check signed anchors with this public key instead of the configured signing key',
  })
  parsePublicKeyFile(v: string): string {
    return v;
  }
}

function readKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new DomainError(CLI_ERRORS.FILE_NOT_FOUND, `cannot read the public key file ${file}`, { file });
  }
}
