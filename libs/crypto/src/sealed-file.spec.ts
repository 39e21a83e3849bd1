import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Keyring, loadKeyring, readKeyFile } from './keyring';
import {
  SEALED_HEADER_BYTES,
  digestSealed,
  openSealed,
  readSealedHeader,
  rewrapSealed,
  sealFile,
  sealStream,
} from './sealed-file';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function readAll(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('sealed files (AES-256-GCM frames, wrapped data key)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioaudit-sealed-'));
  const ring = Keyring.generate();
  let n = 0;
  const next = () => path.join(dir, `f${(n += 1)}`);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Seals `plain` with small frames (so frame boundaries are exercised) and returns the file. */
  async function sealed(plain: Buffer, frame = 1024, keys = ring): Promise<string> {
    const file = next();
    await pipeline(Readable.from([plain]), sealStream(keys, frame), fs.createWriteStream(file));
    return file;
  }

  it.each([0, 1, 1023, 1024, 1025, 2048, 5000])(
    'round-trips %i bytes and hashes the plaintext',
    async (size) => {
      const plain = randomBytes(size);
      const file = await sealed(plain);
      expect(await readAll(openSealed(file, ring))).toEqual(plain);
      expect(await digestSealed(file, ring)).toEqual({ sha256: sha(plain), size });
      expect(fs.statSync(file).size).toBe(SEALED_HEADER_BYTES + size + 16 * (Math.floor(size / 1024) + 1));
    },
  );

  it('streams a multi-frame file through sealFile, reporting the plaintext hash, file 0600', async () => {
    const plain = randomBytes(3 * 1024 * 1024 + 17);
    const src = next();
    fs.writeFileSync(src, plain);
    const target = next();
    const got = await sealFile(src, target, ring);
    expect(got).toEqual({ sha256: sha(plain), size: plain.length });
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(target).includes(plain.subarray(0, 64))).toBe(false);
    expect(await digestSealed(target, ring)).toEqual(got);
  });

  const tamperings: [string, (b: Buffer) => Buffer][] = [
    ['a ciphertext byte flipped', (b) => flip(b, SEALED_HEADER_BYTES + 10)],
    ['a tag byte flipped', (b) => flip(b, SEALED_HEADER_BYTES + 1024 + 3)],
    ['the last tag flipped', (b) => flip(b, b.length - 1)],
    ['the wrapped key flipped', (b) => flip(b, 50)],
    ['the frame size changed', (b) => flip(b, 13)],
    ['the nonce prefix changed', (b) => flip(b, 95)],
    ['cut at a frame boundary', (b) => b.subarray(0, SEALED_HEADER_BYTES + 1024 + 16)],
    ['cut inside a frame', (b) => b.subarray(0, b.length - 5)],
    ['the last frame dropped', (b) => b.subarray(0, b.length - (3000 - 2048) - 16)],
    ['bytes appended', (b) => Buffer.concat([b, Buffer.from('{"eventId":"forged"}\n')])],
    ['two frames swapped', (b) => swapFrames(b, 0, 1, 1024 + 16)],
    ['cut inside the header', (b) => b.subarray(0, 60)],
  ];
  it.each(tamperings)('detects %s', async (_what, tamper) => {
    const file = await sealed(randomBytes(3000));
    fs.writeFileSync(file, tamper(fs.readFileSync(file)));
    await expect(digestSealed(file, ring)).rejects.toMatchObject({ code: 'KEYS.TAMPERED' });
  });

  it('refuses a plain file in place of a sealed one', async () => {
    const file = next();
    fs.writeFileSync(file, '{"eventId":"forged"}\n');
    await expect(digestSealed(file, ring)).rejects.toMatchObject({ code: 'KEYS.NOT_SEALED' });
    expect(await readSealedHeader(file)).toBeNull();
  });

  it('refuses a wrong key, naming only key ids', async () => {
    const file = await sealed(Buffer.from('biometric'));
    const other = Keyring.generate();
    const err = await digestSealed(file, other).then(
      () => null,
      (e: Error & { code: string }) => e,
    );
    expect(err?.code).toBe('KEYS.UNKNOWN_KEY');
    expect(err?.message).toContain(ring.current.id);
    expect(err?.message).not.toContain(ring.current.key.toString('base64'));
  });

  it('rotation re-wraps the data key in the header only; the old key can then be dropped', async () => {
    const plain = randomBytes(5000);
    const file = await sealed(plain);
    fs.chmodSync(file, 0o400);
    const before = fs.readFileSync(file);
    const next = Keyring.generate();
    const during = new Keyring(next.current, [ring.current]);
    expect(await rewrapSealed(file, during)).toBe('rewrapped');
    expect(await rewrapSealed(file, during)).toBe('current');
    const after = fs.readFileSync(file);
    expect(after.subarray(92)).toEqual(before.subarray(92)); // payload untouched
    expect(after.subarray(0, 16)).toEqual(before.subarray(0, 16));
    expect(after.subarray(16, 92).equals(before.subarray(16, 92))).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o400);
    expect((await readSealedHeader(file))?.keyId).toBe(next.current.id);
    expect(await readAll(openSealed(file, next))).toEqual(plain);
    await expect(digestSealed(file, ring)).rejects.toMatchObject({ code: 'KEYS.UNKNOWN_KEY' });
  });

  it('never shows key material when a keyring is logged', () => {
    const b64 = ring.current.key.toString('base64');
    expect(inspect(ring)).not.toContain(b64);
    expect(JSON.stringify({ ring })).not.toContain(b64);
    expect(`${inspect({ ring }, { depth: 5 })}`).not.toContain(b64);
  });
});

describe('master keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioaudit-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes BIOAUDIT_MASTER_KEY (32 bytes of base64) and refuses anything else', () => {
    const key = randomBytes(32).toString('base64');
    const settings = { previousMasterKeys: [], keyFile: path.join(dir, 'unused.key') };
    expect(loadKeyring({ ...settings, masterKey: key }).current.key.toString('base64')).toBe(key);
    expect(fs.existsSync(settings.keyFile)).toBe(false);
    expect(codeOf(() => loadKeyring({ ...settings, masterKey: randomBytes(16).toString('base64') }))).toBe(
      'KEYS.BAD_MASTER_KEY',
    );
  });

  it('without a master key, generates a 0600 key file once, with one warning naming it but not the key', () => {
    const keyFile = path.join(dir, 'home', 'master.key');
    const warnings: string[] = [];
    const ring = loadKeyring({ masterKey: null, previousMasterKeys: [], keyFile }, (w) => warnings.push(w));
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(keyFile);
    expect(warnings[0]).not.toContain(ring.current.key.toString('base64'));
    expect(readKeyFile(keyFile).current.id).toBe(ring.current.id);
    expect(loadKeyring({ masterKey: null, previousMasterKeys: [], keyFile }, (w) => warnings.push(w))).toBe(
      ring,
    );
    expect(warnings).toHaveLength(1);
    fs.chmodSync(keyFile, 0o644);
    expect(codeOf(() => readKeyFile(keyFile))).toBe('KEYS.BAD_MASTER_KEY');
  });
});

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? null;
  }
}

function flip(b: Buffer, at: number): Buffer {
  const c = Buffer.from(b);
  c[at] ^= 0x01;
  return c;
}

function swapFrames(b: Buffer, i: number, j: number, size: number): Buffer {
  const c = Buffer.from(b);
  const at = (k: number) => SEALED_HEADER_BYTES + k * size;
  b.copy(c, at(i), at(j), at(j) + size);
  b.copy(c, at(j), at(i), at(i) + size);
  return c;
}
