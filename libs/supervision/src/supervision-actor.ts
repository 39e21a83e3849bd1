/** Who the supervision jobs act as in the audit log and on the cases they open. */
export const SUPERVISION_ACTOR = 'supervision';
