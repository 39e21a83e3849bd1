import { inspect } from 'node:util';
import { Keyring } from '@app/crypto';
import { DeviceSecret, openCredential, resealCredential, sealCredential } from './credential-seal';

const binding = { deviceId: '42', baseUrl: 'http://10.0.0.5:80' };
const secret = () => new DeviceSecret('Terminal-Secret-4711');

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? null;
  }
}

describe('credential sealing', () => {
  it('opens what it sealed, and the sealed text does not hold the password', () => {
    const ring = Keyring.generate();
    const sealed = sealCredential(ring, binding, secret());
    expect(sealed.keyId).toBe(ring.current.id);
    expect(sealed.sealed).not.toContain('Terminal-Secret');
    expect(openCredential(ring, binding, sealed, '1').reveal()).toBe('Terminal-Secret-4711');
  });

  it('refuses an edited text, another device or URL, or an unknown key: COLLECT.CREDENTIAL_UNREADABLE', () => {
    const ring = Keyring.generate();
    const sealed = sealCredential(ring, binding, secret());
    const parts = sealed.sealed.split('.');
    parts[3] = Buffer.from('tampered!').toString('base64url');
    const cases = [
      () => openCredential(ring, binding, { ...sealed, sealed: parts.join('.') }, '1'),
      () => openCredential(ring, { ...binding, deviceId: '43' }, sealed, '1'),
      () => openCredential(ring, { ...binding, baseUrl: 'http://10.0.0.6:80' }, sealed, '1'),
      () => openCredential(Keyring.generate(), binding, sealed, '1'),
    ];
    for (const open of cases) {
      expect(codeOf(open)).toBe('COLLECT.CREDENTIAL_UNREADABLE');
    }
  });

  it('re-seals under the current key of a rotated ring, and leaves a current one alone', () => {
    const old = Keyring.generate();
    const sealed = sealCredential(old, binding, secret());
    const rotated = new Keyring(Keyring.generate().current, [old.current]);
    const next = resealCredential(rotated, binding, sealed, '1')!;
    expect(next.keyId).toBe(rotated.current.id);
    const onlyNew = new Keyring(rotated.current);
    expect(openCredential(onlyNew, binding, next, '1').reveal()).toBe('Terminal-Secret-4711');
    expect(resealCredential(rotated, binding, next, '1')).toBeNull();
  });

  it('never prints the secret', () => {
    const s = secret();
    for (const text of [JSON.stringify({ s }), inspect({ s }), s.toString(), String(s)]) {
      expect(text).not.toContain('Terminal-Secret');
    }
  });
});
