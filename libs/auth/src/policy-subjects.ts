/** What a route does to its subject; `act` is a case transition (POST /api/cases/{id}/actions/{action}). */
export const POLICY_ACTIONS = ['read', 'create', 'update', 'delete', 'act', 'manage'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/** The kinds of object a route touches (one per API resource). */
export const POLICY_SUBJECTS = [
  'Session',
  'Firm',
  'Batch',
  'Inspection',
  'Finding',
  'Case',
  'Document',
  'Evaluation',
  /** A firm's terminal registered for collection (its endpoint; the credential is never readable). */
  'Device',
  'Statistics',
  /** What the supervision jobs found at a firm: re-audit differences and the clue they opened (officers only). */
  'Supervision',
  'AuditLog',
  'User',
  'Token',
] as const;
export type PolicySubject = (typeof POLICY_SUBJECTS)[number];
