/** Accounts, sessions, tokens and the one authorization policy of the regulator's API. */
export { ROLES } from './principal';
export type { Principal, Role } from './principal';
export { POLICY_ACTIONS, POLICY_SUBJECTS } from './policy-subjects';
export type { PolicyAction, PolicySubject } from './policy-subjects';
