/**
 * The cost of issue 9's protections at rest, against the honest baseline of reading and hashing the same
 * bytes: sealing a raw evidence file (AES-256-GCM frames + SHA-256 of the plaintext), re-hashing a sealed file
 * (what `verify` does), and pseudonymising subject references (keyed HMAC) per reference.
 * Run: `npm run build && node dist/bench/crypto/crypto.bench.js [megabytes=256] [runs=5]`. Prints Markdown.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { digestSealed, Keyring, sealFile, SubjectPseudonymiser } from '@app/crypto';
import { machine, median } from '../bench-utils';

const MB = Number(process.argv[2] ?? 256);
const RUNS = Number(process.argv[3] ?? 5);

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function timeMs(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-crypto-'));
  try {
    // A JSONL-like plaintext: realistic line structure, not all zeros (GCM does not care, the hash neither).
    const line = Buffer.from(
      `${JSON.stringify({ eventId: 'E00000001', deviceId: 'SO1-CAM-01', occurredAt: '2020-04-01T10:00:00+08:00', eventType: 'face_match', subjectRef: 'FL000123', matchScore: 0.93 })}\n`,
    );
    const block = Buffer.concat(
      Array.from({ length: Math.ceil((1 << 20) / line.length) }, () => line),
    ).subarray(0, 1 << 20);
    const plain = path.join(dir, 'plain.jsonl');
    writeFileSync(plain, Buffer.concat(Array.from({ length: MB }, () => block)));
    const keyring = Keyring.fromBase64(randomBytes(32).toString('base64'), [], 'bench');
    const sealed = path.join(dir, 'sealed.bin');

    const hash: number[] = [];
    const seal: number[] = [];
    const open: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      hash.push(await timeMs(() => sha256File(plain)));
      seal.push(await timeMs(() => sealFile(plain, sealed, keyring)));
      open.push(await timeMs(() => digestSealed(sealed, keyring)));
      rmSync(sealed, { force: true });
    }

    // Pseudonyms: 1,000,000 references, 20,000 distinct people, as mobile numbers (HMAC) and as opaque ids.
    const mobiles = Array.from({ length: 20_000 }, (_, i) => `139${String(10_000_000 + i).padStart(8, '0')}`);
    const opaque = Array.from({ length: 20_000 }, (_, i) => `FL${String(i).padStart(6, '0')}`);
    const pseudonym = (refs: string[]) => {
      const p = new SubjectPseudonymiser(randomBytes(32));
      for (let i = 0; i < 1_000_000; i++) p.pseudonymise(refs[i % refs.length]);
    };
    const psnMobile: number[] = [];
    const psnOpaque: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      psnMobile.push(await timeMs(() => pseudonym(mobiles)));
      psnOpaque.push(await timeMs(() => pseudonym(opaque)));
    }

    const rate = (ms: number) => `${((MB / ms) * 1000).toFixed(0)} MB/s`;
    const h = median(hash);
    process.stdout.write(
      `Machine: ${machine()}\nCommand: node dist/bench/crypto/crypto.bench.js ${MB} ${RUNS}\n\n`,
    );
    process.stdout.write(
      '| measure | median | throughput | vs. read + SHA-256 |\n| --- | --- | --- | --- |\n',
    );
    process.stdout.write(
      `| baseline: read + SHA-256 of ${MB} MB | ${h.toFixed(0)} ms | ${rate(h)} | 1.00× |\n`,
    );
    for (const [name, xs] of [
      ['seal (AES-256-GCM frames + SHA-256 of the plaintext, write)', seal],
      ['open + SHA-256 of the plaintext (`verify`)', open],
    ] as const) {
      const m = median([...xs]);
      process.stdout.write(`| ${name} | ${m.toFixed(0)} ms | ${rate(m)} | ${(m / h).toFixed(2)}× |\n`);
    }
    process.stdout.write(
      `| pseudonymise 1M references, 20k distinct mobiles (HMAC, cached per reference) | ${median(psnMobile).toFixed(0)} ms | | |\n` +
        `| pseudonymise 1M references, 20k distinct opaque ids (pre-check only) | ${median(psnOpaque).toFixed(0)} ms | | |\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
