/**
 * The account rules the server checks (libs/auth account-rules.ts, the DTOs of POST/PATCH /api/users), repeated
 * here so the form says what is wrong before sending; the server stays the judge (its problem is shown too).
 */
export const ROLES = ['inspector', 'legal_reviewer', 'head', 'admin', 'observer', 'firm'] as const;
export type Role = (typeof ROLES)[number];
const OFFICER_ROLES: readonly Role[] = ['inspector', 'legal_reviewer', 'head'];
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
export const REGION = /^[1-8]\d(\d\d){0,2}$/;
export const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
/** A token lifetime as POST /api/tokens takes it (`<n>d|h|m`, at most 730 days). */
export const LIFETIMES = ['7d', '30d', '90d', '180d', '365d', '730d'] as const;

export type RuleKey =
  | 'username'
  | 'roles'
  | 'firmAlone'
  | 'adminCase'
  | 'regionFormat'
  | 'regionNeeded'
  | 'regionFirm'
  | 'firmNeeded'
  | 'firmFormat'
  | 'certNeeded'
  | 'certRoles';

export interface AccountFields {
  username?: string;
  roles?: Role[];
  regionCode?: string | null;
  firmCreditCode?: string | null;
  certificateNumber?: string | null;
}

/** The message keys (admin:users.rules.*) of what is wrong with each field; empty when the account is valid. */
export function accountRuleKeys(a: AccountFields): Partial<Record<keyof AccountFields, RuleKey>> {
  const out: Partial<Record<keyof AccountFields, RuleKey>> = {};
  const roles = a.roles ?? [];
  const has = (r: Role) => roles.includes(r);
  const officer = OFFICER_ROLES.some(has);
  const region = a.regionCode?.trim() || null;
  const firm = a.firmCreditCode?.trim() || null;
  const cert = a.certificateNumber?.trim() || null;
  if (a.username !== undefined && !USERNAME.test(a.username)) out.username = 'username';
  if (roles.length === 0) out.roles = 'roles';
  else if (has('firm') && roles.length > 1) out.roles = 'firmAlone';
  else if (has('admin') && officer) out.roles = 'adminCase';
  if (region !== null && !REGION.test(region)) out.regionCode = 'regionFormat';
  else if (has('firm') && region !== null) out.regionCode = 'regionFirm';
  else if (officer && region === null) out.regionCode = 'regionNeeded';
  if (has('firm') && firm === null) out.firmCreditCode = 'firmNeeded';
  else if (firm !== null && !CREDIT_CODE.test(firm)) out.firmCreditCode = 'firmFormat';
  if (has('inspector') && cert === null) out.certificateNumber = 'certNeeded';
  else if (cert !== null && !officer) out.certificateNumber = 'certRoles';
  return out;
}

export function isOfficer(roles: readonly Role[] | undefined): boolean {
  return (roles ?? []).some((r) => OFFICER_ROLES.includes(r));
}
