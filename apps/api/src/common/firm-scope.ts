import type { Principal } from '@app/auth';
import type { FirmScope } from '@app/persistence';

/**
 * The firms a caller may see. A firm's account: its own firm only. An officer with a region: the firms whose
 * administrative-division code (characters 3–8 of the credit code) starts with the region prefix. An account
 * with neither (a bureau-wide admin or observer): every firm.
 * TODO(issue 10): switch to `scopeOf` from @app/auth once it is exported (same rule).
 */
export function firmScopeOf(principal: Principal): FirmScope {
  // A firm account without a credit code is a broken account: it sees nothing rather than everything.
  if (principal.roles.includes('firm')) return { firmCreditCode: principal.firmCreditCode ?? '' };
  if (principal.regionCode) return { regionPrefix: principal.regionCode };
  return {};
}
