import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { loadSigningKey, PublicSigningKey, SigningKey } from './signing-key';

describe('signing key (Ed25519, custody anchors)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioaudit-signing-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('signs deterministically; the public key alone verifies; a changed message, signature or key does not', () => {
    const key = SigningKey.generate();
    const sig = key.sign('bioaudit-custody-v2:7:ab');
    expect(sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(key.sign('bioaudit-custody-v2:7:ab')).toBe(sig);
    const pub = PublicSigningKey.fromText(key.publicKey.pem(), 'test');
    expect(pub.fingerprint).toBe(key.fingerprint);
    expect(pub.verifies('bioaudit-custody-v2:7:ab', sig)).toBe(true);
    expect(pub.verifies('bioaudit-custody-v2:8:ab', sig)).toBe(false);
    const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect(pub.verifies('bioaudit-custody-v2:7:ab', flipped)).toBe(false);
    expect(pub.verifies('bioaudit-custody-v2:7:ab', 'not+base64url')).toBe(false);
    expect(SigningKey.generate().publicKey.verifies('bioaudit-custody-v2:7:ab', sig)).toBe(false);
  });

  it('reads PKCS#8 PEM and base64 DER alike, refuses other keys, and never prints the private key', () => {
    const pair = generateKeyPairSync('ed25519');
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const a = SigningKey.fromText(pem, 'BIOAUDIT_SIGNING_KEY');
    expect(SigningKey.fromText(der, 'BIOAUDIT_SIGNING_KEY').fingerprint).toBe(a.fingerprint);
    expect(a.sign('m')).toBe(SigningKey.fromText(der, 'x').sign('m'));
    const spkiDer = pair.publicKey.export({ type: 'spki', format: 'der' });
    expect(PublicSigningKey.fromText(spkiDer.toString('base64'), 'x').fingerprint).toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    for (const shown of [JSON.stringify(a), inspect(a), String(inspect({ a }))]) {
      expect(shown).not.toContain('PRIVATE');
      expect(shown).not.toContain(der.slice(20, 40));
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() =>
      SigningKey.fromText(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'k'),
    ).toThrow(/k is a rsa key, not Ed25519/);
    expect(() => SigningKey.fromText('garbage', 'k')).toThrow(/k is not a signing key/);
    const notEd25519 = () =>
      PublicSigningKey.fromText(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'p');
    expect(notEd25519).toThrow('the public key is not an Ed25519 key');
    expect(() => PublicSigningKey.fromText('nope', 'the public key file')).toThrow(
      'the public key file is not an Ed25519 public key (PEM or base64 DER)',
    );
  });

  it('generates the key file 0600 once, with one warning naming it (never the key), and refuses it readable by others', () => {
    const file = path.join(dir, 'home', 'signing.key');
    const warnings: string[] = [];
    const first = loadSigningKey({ signingKey: null, signingKeyFile: file }, (l) => warnings.push(l));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^bioaudit: warning: BIOAUDIT_SIGNING_KEY is not set; generated the key file /,
    );
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).not.toContain('PRIVATE');
    // The same key again (cached, and from the file by another process), no second warning.
    expect(loadSigningKey({ signingKey: null, signingKeyFile: file }, (l) => warnings.push(l))).toBe(first);
    const copy = path.join(dir, 'copy.key');
    fs.copyFileSync(file, copy);
    fs.chmodSync(copy, 0o600);
    expect(loadSigningKey({ signingKey: null, signingKeyFile: copy }).fingerprint).toBe(first.fingerprint);
    expect(warnings).toHaveLength(1);
    const open = path.join(dir, 'open.key');
    fs.writeFileSync(open, first.privatePem(), { mode: 0o644 });
    fs.chmodSync(open, 0o644);
    expect(() => loadSigningKey({ signingKey: null, signingKeyFile: open })).toThrow(/can be read by others/);
    // The variable wins over the file, and no file is written.
    const pem = SigningKey.generate().privatePem();
    const none = path.join(dir, 'none', 'signing.key');
    const fromVar = loadSigningKey({ signingKey: pem, signingKeyFile: none }, (l) => warnings.push(l));
    expect(fromVar.source).toBe('BIOAUDIT_SIGNING_KEY');
    expect(fs.existsSync(none)).toBe(false);
    expect(warnings).toHaveLength(1);
  });
});
