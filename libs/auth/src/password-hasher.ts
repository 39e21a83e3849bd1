import { Injectable } from '@nestjs/common';
import { hash as argon2Hash, verify as argon2Verify, type Options } from '@node-rs/argon2';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first configuration: 19 MiB of memory, 2 passes, one
 * lane (about 25 ms here). The parameters travel in each PHC hash string, so raising them later re-hashes
 * passwords on their next sign-in (`needsRehash`). The binding is @node-rs/argon2 (napi-rs, a prebuilt
 * binary per platform as an npm package, no install script): the `argon2` package's prebuilt binary crashed
 * this platform's Node when no compiler had rebuilt it.
 */
export const ARGON2_OPTIONS: Options = {
  // Algorithm.Argon2id: a `const enum` in the binding's types, which per-file transpilers cannot inline.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** The PHC string's algorithm and parameters: `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`. */
const PHC = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/;

/** Hashes and checks passwords; the only user of the argon2 binding. */
@Injectable()
export class PasswordHasher {
  /** A hash of nothing anyone knows: checked against when there is no account, so both paths cost the same. */
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2Hash(password, ARGON2_OPTIONS);
  }

  /** True when `password` matches `hash`; false (never a throw) for a malformed hash. */
  async verify(hashed: string, password: string): Promise<boolean> {
    try {
      return await argon2Verify(hashed, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of one verification and answers false: for an unknown, disabled or locked account. */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= argon2Hash('bioaudit: no such account', ARGON2_OPTIONS);
    await this.verify(await this.dummy, password);
    return false;
  }

  /** True when `hashed` was made with other parameters than today's (or is not an argon2 PHC string). */
  needsRehash(hashed: string): boolean {
    const m = PHC.exec(hashed);
    if (!m) return true;
    const [, id, version, memory, time, lanes] = m;
    return (
      id !== 'argon2id' ||
      Number(version) !== 19 ||
      Number(memory) !== ARGON2_OPTIONS.memoryCost ||
      Number(time) !== ARGON2_OPTIONS.timeCost ||
      Number(lanes) !== ARGON2_OPTIONS.parallelism
    );
  }
}
