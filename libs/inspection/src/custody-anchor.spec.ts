import { PublicSigningKey, SigningKey } from '@app/crypto';
import { anchorOf, anchorSignatureProblem, parseAnchor, signedAnchorOf } from './custody-anchor';

const head = { seq: '1234', rowHash: 'ab'.repeat(32) };

describe('custody anchors', () => {
  const key = SigningKey.generate();
  const publicOnly = PublicSigningKey.fromText(key.publicKey.pem(), 'public key file');

  it('signs the chain head: v2, the key fingerprint, a signature the public key alone verifies', () => {
    const a = signedAnchorOf(head, key);
    expect(a).toMatch(
      new RegExp(
        `^bioaudit-custody-v2:1234:${head.rowHash}:${key.fingerprint.slice(0, 16)}:[A-Za-z0-9_-]{86}$`,
      ),
    );
    expect(signedAnchorOf(head, key)).toBe(a); // deterministic: a re-rendered case file stays identical
    const parsed = parseAnchor(`  ${a}\n`)!;
    expect(parsed).toMatchObject({ version: 2, seq: '1234', hash: head.rowHash, text: a });
    expect(anchorSignatureProblem(parsed, publicOnly)).toBeNull();
  });

  it('refuses a tampered anchor: another entry, another hash, another signature', () => {
    const a = signedAnchorOf(head, key);
    const [prefix, , hash, kid, sig] = a.split(':');
    const tampered = [
      [prefix, '1235', hash, kid, sig],
      [prefix, '1234', 'cd'.repeat(32), kid, sig],
      [prefix, '1234', hash, kid, signedAnchorOf({ seq: '1', rowHash: hash }, key).split(':')[4]],
    ].map((p) => p.join(':'));
    for (const t of tampered) {
      expect(anchorSignatureProblem(parseAnchor(t)!, publicOnly)).toMatch(
        /has a bad signature \(key [0-9a-f]{16}\): it was forged or altered$/,
      );
    }
    // A forger's own key, named as ours: the signature still fails.
    const forger = SigningKey.generate();
    const forged = `${prefix}:1234:${hash}:${kid}:${forger.sign(`${prefix}:1234:${hash}`)}`;
    expect(anchorSignatureProblem(parseAnchor(forged)!, publicOnly)).toMatch(/bad signature/);
  });

  it('refuses an anchor signed by another key, naming both keys', () => {
    const other = SigningKey.generate();
    const a = parseAnchor(signedAnchorOf(head, other))!;
    expect(anchorSignatureProblem(a, publicOnly)).toBe(
      `anchor ${a.text} was signed by key ${other.fingerprint.slice(0, 16)}, not by the key checking it (${key.fingerprint.slice(0, 16)})`,
    );
  });

  it('still accepts unsigned v1 anchors, and nothing else', () => {
    const v1 = parseAnchor(anchorOf(head))!;
    expect(v1).toEqual({ version: 1, seq: '1234', hash: head.rowHash, text: anchorOf(head) });
    expect(anchorSignatureProblem(v1, publicOnly)).toBeNull();
    for (const bad of [
      'bioaudit-custody-v1:12:abc',
      `bioaudit-custody-v2:1234:${head.rowHash}`,
      `bioaudit-custody-v2:1234:${head.rowHash}:${key.fingerprint.slice(0, 16)}:`,
      `bioaudit-custody-v3:1234:${head.rowHash}`,
      '',
    ]) {
      expect(parseAnchor(bad)).toBeNull();
    }
  });
});
