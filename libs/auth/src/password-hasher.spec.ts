import { PasswordHasher } from './password-hasher';

describe('PasswordHasher (argon2id, OWASP parameters)', () => {
  const hasher = new PasswordHasher();

  it('stores argon2id with 19 MiB, 2 passes, 1 lane, a fresh salt each time, and checks it', async () => {
    const a = await hasher.hash('correct horse battery');
    const b = await hasher.hash('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await hasher.verify(a, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(a, 'correct horse battery!')).toBe(false);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
    expect(await hasher.verifyNothing('anything')).toBe(false);
  });

  it('asks for a re-hash only when the parameters differ from today', async () => {
    expect(hasher.needsRehash(await hasher.hash('a long enough password'))).toBe(false);
    const older = '$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
    expect(hasher.needsRehash(older)).toBe(true);
    expect(hasher.needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(hasher.needsRehash('$2b$12$bcrypt')).toBe(true);
  });
});
