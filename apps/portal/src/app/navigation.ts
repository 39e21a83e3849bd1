/** The portal's sections, each shown only to callers the server grants its permission (GET /api/session). */
export const SECTIONS = [
  { key: 'work', path: '/work', permission: 'read:Case' },
  { key: 'dashboard', path: '/dashboard', permission: 'read:Statistics' },
  { key: 'cases', path: '/cases', permission: 'read:Case' },
  { key: 'findings', path: '/findings', permission: 'read:Finding' },
  { key: 'firms', path: '/firms', permission: 'read:Firm' },
  { key: 'newInspection', path: '/inspections/new', permission: 'create:Inspection' },
  { key: 'evaluations', path: '/evaluations', permission: 'read:Evaluation' },
  { key: 'auditLog', path: '/audit-log', permission: 'read:AuditLog' },
  { key: 'schedules', path: '/schedules', permission: 'read:Statistics' },
  { key: 'admin', path: '/admin', permission: 'manage:User' },
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'];

/** The sections `can` allows, in menu order. */
export function sectionsFor(can: (permission: string) => boolean) {
  return SECTIONS.filter((s) => can(s.permission));
}
