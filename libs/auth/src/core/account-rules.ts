import { isValidCreditCode } from '@app/common';
import { ROLES, type Role } from '../principal';

/** The fields of an account the rules look at. */
export interface AccountShape {
  username: string;
  roles: readonly string[];
  regionCode: string | null;
  firmCreditCode: string | null;
  certificateNumber: string | null;
}

const OFFICER_ROLES: readonly Role[] = ['inspector', 'legal_reviewer', 'head'];
/** A division-code prefix: 2, 4 or 6 digits (province, city, county; GB/T 2260). */
const REGION = /^[1-8]\d(\d\d){0,2}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
/** Shortest password accepted (OWASP ASVS 2.1.1: at least 12 characters). */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * What is wrong with an account, one sentence per problem (empty when it is valid). The rules
 * (docs/api.md "Roles"):
 * - at least one role, each one of ROLES, none twice;
 * - `firm` stands alone and carries a valid unified social credit code, and no region or certificate;
 * - no other role carries a firm code;
 * - inspector, legal_reviewer and head carry a region (they handle that region's cases);
 * - admin and observer may carry a region or none (none = bureau-wide, e.g. a supervising bureau);
 * - admin never holds a case role (inspector, legal_reviewer, head): whoever issues accounts and keys must not
 *   also handle the cases they give access to;
 * - inspector carries an enforcement certificate number (执法证号), required to handle a case (APL art. 42);
 *   legal reviewers and heads may carry one; no other role does.
 */
export function accountProblems(a: AccountShape): string[] {
  const problems: string[] = [];
  if (!USERNAME.test(a.username)) {
    problems.push('username: 2–63 characters, lower-case letters, digits, dot, dash or underscore');
  }
  if (a.roles.length === 0) problems.push('roles: at least one role');
  const unknown = a.roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) problems.push(`roles: unknown ${unknown.join(', ')} (one of ${ROLES.join(', ')})`);
  if (new Set(a.roles).size !== a.roles.length) problems.push('roles: a role is listed twice');
  const has = (r: Role) => a.roles.includes(r);
  if (has('firm')) {
    if (a.roles.length > 1) problems.push('roles: a firm account holds no other role');
    if (a.firmCreditCode === null) problems.push('firmCreditCode: a firm account needs its credit code');
    else if (!isValidCreditCode(a.firmCreditCode)) {
      problems.push(`firmCreditCode: ${a.firmCreditCode} is not a valid unified social credit code`);
    }
    if (a.regionCode !== null) problems.push('regionCode: a firm account is scoped by its credit code');
  } else if (a.firmCreditCode !== null) {
    problems.push('firmCreditCode: only a firm account carries one');
  }
  if (a.regionCode !== null && !REGION.test(a.regionCode)) {
    problems.push(`regionCode: ${a.regionCode} is not a division-code prefix of 2, 4 or 6 digits`);
  }
  if (OFFICER_ROLES.some(has) && a.regionCode === null) {
    problems.push('regionCode: inspectors, legal reviewers and heads need a region');
  }
  if (has('admin') && OFFICER_ROLES.some(has)) {
    problems.push('roles: admin cannot be combined with inspector, legal_reviewer or head');
  }
  if (has('inspector') && (a.certificateNumber ?? '').trim() === '') {
    problems.push('certificateNumber: an inspector needs an enforcement certificate number');
  }
  if (a.certificateNumber !== null && !OFFICER_ROLES.some(has)) {
    problems.push('certificateNumber: only inspectors, legal reviewers and heads carry one');
  }
  return problems;
}

/** What is wrong with a new password (empty when acceptable). */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    problems.push(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('password: must not contain the username');
  }
  return problems;
}
