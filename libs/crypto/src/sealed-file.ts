import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '@app/common';
import { CRYPTO_ERRORS } from './crypto.errors';
import { KEY_ID_BYTES, MASTER_KEY_BYTES, type Keyring, type MasterKey } from './keyring';

/**
 * The sealed-file format (version 1): a fixed 128-byte header, then the payload as AES-256-GCM frames.
 *
 *   offset size
 *        0    8  magic `BIOSEAL1`
 *        8    1  format version (1)
 *        9    1  algorithm (1 = AES-256-GCM frames, data key wrapped with AES-256-GCM)
 *       10    2  reserved, zero
 *       12    4  frame size F in plaintext bytes (big-endian)
 *       16   16  id of the master key that wrapped the data key (see keyIdOf)
 *       32   12  IV of the wrap
 *       44   32  the file's data key, encrypted by the master key
 *       76   16  GCM tag of the wrap; its additional data is bytes 0–31 and 92–99
 *       92    8  nonce prefix of the frames (random)
 *      100   28  reserved, zero
 *
 * Frame i (from 0) is the GCM encryption under the data key of up to F plaintext bytes, with the nonce
 * `prefix ‖ i (4 bytes, big-endian)` and one byte of additional data, 1 on the last frame and 0 before;
 * each frame is followed by its 16-byte tag. Every frame but the last holds exactly F bytes; the last holds
 * fewer (possibly none), so a file cut at any frame boundary, frames reordered, swapped between files or
 * altered anywhere all fail authentication. Rotation rewrites only bytes 16–91 (a new wrap of the same data
 * key), never the payload.
 */
export const SEALED_MAGIC = Buffer.from('BIOSEAL1', 'latin1');
export const SEALED_HEADER_BYTES = 128;
export const DEFAULT_FRAME_BYTES = 64 * 1024;
const TAG = 16;
const VERSION = 1;
const ALGORITHM = 1;
const MAX_FRAMES = 2 ** 32;

/** What a sealed file's header says, without any key. */
export interface SealedHeader {
  keyId: string;
  frameBytes: number;
}

function wrapAad(header: Buffer): Buffer {
  return Buffer.concat([header.subarray(0, 32), header.subarray(92, 100)]);
}

function wrapInto(header: Buffer, dataKey: Buffer, master: MasterKey): void {
  Buffer.from(master.id, 'hex').copy(header, 16);
  const iv = randomBytes(12);
  iv.copy(header, 32);
  const c = createCipheriv('aes-256-gcm', master.key, iv);
  c.setAAD(wrapAad(header));
  const wrapped = Buffer.concat([c.update(dataKey), c.final()]);
  wrapped.copy(header, 44);
  c.getAuthTag().copy(header, 76);
}

/** Parses a header's plain fields; null when the bytes are not a sealed file's. */
export function parseSealedHeader(header: Buffer): SealedHeader | null {
  if (header.length < SEALED_HEADER_BYTES || !header.subarray(0, 8).equals(SEALED_MAGIC)) return null;
  return {
    keyId: header.subarray(16, 16 + KEY_ID_BYTES).toString('hex'),
    frameBytes: header.readUInt32BE(12),
  };
}

function tampered(what: string): DomainError {
  return new DomainError(CRYPTO_ERRORS.TAMPERED, `sealed file failed authentication: ${what}`, { what });
}

function unwrap(header: Buffer, keyring: Keyring): Buffer {
  const parsed = parseSealedHeader(header);
  if (!parsed) throw new DomainError(CRYPTO_ERRORS.NOT_SEALED, 'not a sealed file (no BIOSEAL1 header)', {});
  if (header[8] !== VERSION || header[9] !== ALGORITHM) throw tampered('unknown format version or algorithm');
  const master = keyring.find(parsed.keyId);
  if (!master) {
    throw new DomainError(
      CRYPTO_ERRORS.UNKNOWN_KEY,
      `sealed with master key ${parsed.keyId}, which ${keyring.source} does not hold (a wrong or missing key)`,
      { keyId: parsed.keyId, held: keyring.ids() },
    );
  }
  const d = createDecipheriv('aes-256-gcm', master.key, header.subarray(32, 44));
  d.setAAD(wrapAad(header));
  d.setAuthTag(header.subarray(76, 92));
  try {
    return Buffer.concat([d.update(header.subarray(44, 76)), d.final()]);
  } catch {
    throw tampered('the header (wrapped key) does not authenticate');
  }
}

function nonce(prefix: Buffer, i: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(i, 8);
  return n;
}

/** Collects incoming chunks and hands out exact-size pieces without re-copying the whole backlog. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }

  take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return out;
  }
}

/** A stream that seals what is written to it: header, then frames (see the format above). */
export function sealStream(keyring: Keyring, frameBytes = DEFAULT_FRAME_BYTES): Transform {
  const dataKey = randomBytes(MASTER_KEY_BYTES);
  const header = Buffer.alloc(SEALED_HEADER_BYTES);
  SEALED_MAGIC.copy(header, 0);
  header[8] = VERSION;
  header[9] = ALGORITHM;
  header.writeUInt32BE(frameBytes, 12);
  const prefix = randomBytes(8);
  prefix.copy(header, 92);
  wrapInto(header, dataKey, keyring.current);
  const queue = new ByteQueue();
  let index = 0;
  const frame = (plain: Buffer, last: boolean): Buffer => {
    if (index >= MAX_FRAMES) throw new Error('sealed file too large');
    const c = createCipheriv('aes-256-gcm', dataKey, nonce(prefix, index));
    index += 1;
    c.setAAD(Buffer.from([last ? 1 : 0]));
    return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  };
  return new Transform({
    construct(cb) {
      this.push(header);
      cb();
    },
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      queue.push(chunk);
      // Keep up to one frame back: the last frame must be the short one.
      try {
        while (queue.length > frameBytes) this.push(frame(queue.take(frameBytes), false));
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        if (queue.length === frameBytes) this.push(frame(queue.take(frameBytes), false));
        this.push(frame(queue.take(queue.length), true));
        dataKey.fill(0);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

/**
 * A stream that unseals a sealed file's bytes into the plaintext. Every frame is authenticated before its
 * plaintext is passed on; a file that is altered, cut short, extended or sealed by a key the keyring does
 * not hold ends the stream with KEYS.TAMPERED, KEYS.UNKNOWN_KEY or KEYS.NOT_SEALED.
 */
export function unsealStream(keyring: Keyring): Transform {
  const queue = new ByteQueue();
  let dataKey: Buffer | null = null;
  let prefix = Buffer.alloc(0);
  let frameBytes = 0;
  let index = 0;
  const open = (sealed: Buffer, last: boolean): Buffer => {
    const d = createDecipheriv('aes-256-gcm', dataKey!, nonce(prefix, index));
    index += 1;
    d.setAAD(Buffer.from([last ? 1 : 0]));
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    try {
      return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
    } catch {
      throw tampered(`frame ${index - 1} does not authenticate`);
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      queue.push(chunk);
      try {
        if (!dataKey) {
          if (queue.length < SEALED_HEADER_BYTES) return cb();
          const header = queue.take(SEALED_HEADER_BYTES);
          dataKey = unwrap(header, keyring);
          frameBytes = header.readUInt32BE(12);
          prefix = Buffer.from(header.subarray(92, 100));
        }
        while (queue.length > frameBytes + TAG) this.push(open(queue.take(frameBytes + TAG), false));
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        if (!dataKey) {
          const head = queue.take(queue.length);
          if (
            !head
              .subarray(0, Math.min(8, head.length))
              .equals(SEALED_MAGIC.subarray(0, Math.min(8, head.length))) ||
            head.length < 8
          ) {
            throw new DomainError(CRYPTO_ERRORS.NOT_SEALED, 'not a sealed file (no BIOSEAL1 header)', {});
          }
          throw tampered('the file ends inside its header');
        }
        if (queue.length === frameBytes + TAG) this.push(open(queue.take(frameBytes + TAG), false));
        if (queue.length < TAG) throw tampered('the file is cut short (its last frame is missing)');
        this.push(open(queue.take(queue.length), true));
        dataKey.fill(0);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

/** Seals `source` (a path or a stream) into `target`, created 0600; returns SHA-256 and size of the plaintext. */
export async function sealFile(
  source: string | Readable,
  target: string,
  keyring: Keyring,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  const input = typeof source === 'string' ? fs.createReadStream(source) : source;
  const out = fs.createWriteStream(target, { mode: 0o600, flags: 'wx' });
  await pipeline(input, tap, sealStream(keyring), out);
  // On disk before it is registered; off the event loop, so other pages and requests go on while it flushes.
  const fh = await open(target, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { sha256: hash.digest('hex'), size };
}

/** The plaintext of a sealed file, as a stream that fails (KEYS.*) on any alteration. */
export function openSealed(file: string, keyring: Keyring): Readable {
  const out = unsealStream(keyring);
  pipeline(fs.createReadStream(file), out).catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/** SHA-256 and size of a sealed file's plaintext; rejects (KEYS.*) if it does not authenticate. */
export async function digestSealed(
  file: string,
  keyring: Keyring,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of openSealed(file, keyring)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** The header of `file` if it is a sealed file, else null. */
export async function readSealedHeader(file: string): Promise<SealedHeader | null> {
  const fh = await open(file, 'r');
  try {
    const header = Buffer.alloc(SEALED_HEADER_BYTES);
    const { bytesRead } = await fh.read(header, 0, SEALED_HEADER_BYTES, 0);
    return bytesRead === SEALED_HEADER_BYTES ? parseSealedHeader(header) : null;
  } finally {
    await fh.close();
  }
}

/**
 * Re-wraps a sealed file's data key under the keyring's current master key, rewriting only the header's
 * wrap fields in place (bytes 16–91); the payload is not touched. Returns whether anything changed.
 * A read-only file is made writable for the owner for the write and restored after.
 */
export async function rewrapSealed(file: string, keyring: Keyring): Promise<'rewrapped' | 'current'> {
  const st = fs.statSync(file);
  const header = Buffer.alloc(SEALED_HEADER_BYTES);
  const read = await open(file, 'r');
  try {
    await read.read(header, 0, SEALED_HEADER_BYTES, 0);
  } finally {
    await read.close();
  }
  const parsed = parseSealedHeader(header);
  if (!parsed) throw new DomainError(CRYPTO_ERRORS.NOT_SEALED, `${file} is not a sealed file`, { file });
  if (parsed.keyId === keyring.current.id) return 'current';
  const dataKey = unwrap(header, keyring);
  wrapInto(header, dataKey, keyring.current);
  dataKey.fill(0);
  const mode = st.mode & 0o777;
  if ((mode & 0o200) === 0) fs.chmodSync(file, mode | 0o200);
  try {
    const fh = await open(file, 'r+');
    try {
      // One write of the 76 bytes that change, within the first sector.
      await fh.write(header, 16, 76, 16);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } finally {
    if ((mode & 0o200) === 0) fs.chmodSync(file, mode);
  }
  return 'rewrapped';
}
