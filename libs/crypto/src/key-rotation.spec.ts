import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keyStatus, rotateKeys } from './key-rotation';
import { forgetLoadedKeyrings, Keyring, loadKeyring, readKeyFile } from './keyring';
import { digestSealed, readSealedHeader, sealFile } from './sealed-file';

describe('keys rotate', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bioaudit-rotate-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const quiet = () => undefined;

  /** A store of three sealed files and one plain file left by an earlier version. */
  async function store(dir: string, ring: Keyring) {
    const files = ['a', 'b', 'c'].map((n) => path.join(dir, 'sha256', n));
    fs.mkdirSync(path.dirname(files[0]), { recursive: true });
    const plain = files.map(() => randomBytes(3000));
    for (let i = 0; i < files.length; i += 1) {
      const src = `${files[i]}.src`;
      fs.writeFileSync(src, plain[i]);
      await sealFile(src, files[i], ring);
      fs.rmSync(src);
      fs.chmodSync(files[i], 0o400);
    }
    const legacy = path.join(dir, 'legacy.pdf');
    fs.writeFileSync(legacy, '%PDF-1.7 plain');
    fs.chmodSync(legacy, 0o444);
    return { files, plain, legacy, payloads: files.map((f) => fs.readFileSync(f).subarray(92)) };
  }

  it('with the key file: a new key wraps every file, payloads untouched, the old key is dropped', async () => {
    const home = path.join(root, 'file-mode');
    const settings = { masterKey: null, previousMasterKeys: [], keyFile: path.join(home, 'master.key') };
    const old = loadKeyring(settings, quiet);
    const s = await store(path.join(home, 'evidence'), old);

    const report = await rotateKeys(settings, [path.join(home, 'evidence')]);
    expect(report).toMatchObject({
      retired: [old.current.id],
      rewrapped: 3,
      alreadyCurrent: 0,
      sealedLegacy: 1,
    });
    expect(report.current).not.toBe(old.current.id);
    const now = readKeyFile(settings.keyFile);
    expect(now.ids()).toEqual([report.current]);
    expect(fs.statSync(settings.keyFile).mode & 0o777).toBe(0o600);
    for (let i = 0; i < s.files.length; i += 1) {
      expect(fs.readFileSync(s.files[i]).subarray(92)).toEqual(s.payloads[i]);
      expect((await readSealedHeader(s.files[i]))?.keyId).toBe(report.current);
      await expect(digestSealed(s.files[i], now)).resolves.toMatchObject({ size: 3000 });
      await expect(digestSealed(s.files[i], old)).rejects.toMatchObject({ code: 'KEYS.UNKNOWN_KEY' });
    }
    expect((await readSealedHeader(s.legacy))?.keyId).toBe(report.current);
    expect(fs.statSync(s.legacy).mode & 0o077).toBe(0);
    forgetLoadedKeyrings();
    expect(loadKeyring(settings, quiet).current.id).toBe(report.current);
    expect(await keyStatus(settings, [path.join(home, 'evidence')])).toEqual({
      current: report.current,
      source: settings.keyFile,
      filesByKey: { [report.current]: 4 },
      unsealed: 0,
    });
  });

  it('with BIOAUDIT_MASTER_KEY: re-wraps from the previous keys to the new one; a file of an unknown key fails it', async () => {
    const dir = path.join(root, 'env-mode');
    const old = Keyring.generate();
    const s = await store(dir, old);
    const next = randomBytes(32).toString('base64');
    const settings = {
      masterKey: next,
      previousMasterKeys: [old.current.key.toString('base64')],
      keyFile: path.join(dir, 'unused.key'),
    };
    const report = await rotateKeys(settings, [dir]);
    expect(report).toMatchObject({ retired: [old.current.id], rewrapped: 3, sealedLegacy: 1 });
    expect(fs.existsSync(settings.keyFile)).toBe(false);
    const again = await rotateKeys(settings, [dir]);
    expect(again).toMatchObject({ rewrapped: 0, alreadyCurrent: 4 });
    await expect(digestSealed(s.files[0], Keyring.fromBase64(next))).resolves.toMatchObject({ size: 3000 });

    // A file sealed by a key nobody listed: the rotation says so and fails.
    const stray = Keyring.generate();
    const src = path.join(root, 'stray.src');
    fs.writeFileSync(src, 'x');
    await sealFile(src, path.join(dir, 'stray'), stray);
    await expect(rotateKeys(settings, [dir])).rejects.toMatchObject({ code: 'KEYS.UNKNOWN_KEY' });
  });
});
