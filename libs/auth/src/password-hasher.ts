import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first configuration: 19 MiB of memory, 2 passes, one
 * lane (about 25 ms here). The parameters travel in each PHC hash string, so raising them later re-hashes
 * passwords on their next sign-in (`needsRehash`).
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes and checks passwords; the only user of the argon2 binding. */
@Injectable()
export class PasswordHasher {
  /** A hash of nothing anyone knows: checked against when there is no account, so both paths cost the same. */
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /** True when `password` matches `hash`; false (never a throw) for a malformed hash. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of one verification and answers false: for an unknown, disabled or locked account. */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= argon2.hash('bioaudit: no such account', ARGON2_OPTIONS);
    await this.verify(await this.dummy, password);
    return false;
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, ARGON2_OPTIONS);
    } catch {
      return true;
    }
  }
}
