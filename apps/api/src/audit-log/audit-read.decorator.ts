import { SetMetadata } from '@nestjs/common';
import type { PolicySubject } from '@app/auth';

export const AUDIT_READ_KEY = 'bioaudit:audit-read';

/**
 * Marks a GET route that reads personal data (findings with subject references, accounts, the audit log):
 * every call is written to the audit log, as changes are. `subject` names the kind of object read.
 */
export const AuditRead = (subject: PolicySubject) => SetMetadata(AUDIT_READ_KEY, subject);
