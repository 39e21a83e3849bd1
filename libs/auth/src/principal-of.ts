import type { PrincipalAccount } from '@app/persistence';
import { ROLES, type Principal, type Role } from './principal';

/** The principal of an account, reached through a session or a token. Unknown role names grant nothing. */
export function principalOf(
  account: PrincipalAccount,
  via: Principal['via'],
  tokenId: string | null = null,
): Principal {
  return {
    userId: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: account.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    regionCode: account.regionCode,
    firmCreditCode: account.firmCreditCode,
    certificateNumber: account.certificateNumber,
    via,
    tokenId,
  };
}
