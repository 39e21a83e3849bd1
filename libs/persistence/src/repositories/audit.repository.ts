import type { ConsentMethod, Purpose } from '@app/common';
import type { Database } from '../data-source';

/** A capture as the detection core reads it: ids, time in epoch ms, effective purpose already resolved. */
export interface CaptureForAudit {
  id: number;
  deviceId: string;
  subjectRef: string | null;
  occurredAt: number;
  purpose: string;
}

export interface ConsentForAudit {
  id: number;
  subjectRef: string;
  givenAt: number;
  purposes: Purpose[];
  method: ConsentMethod;
  separateConsent: boolean;
  guardianConsent: boolean;
  subjectBirthDate: string | null;
  withdrawnAt: number | null;
  expiresAt: number | null;
}

const PAGE = 50_000;

/** Reads a firm's stored evidence for an audit, in pages, never all captures at once. */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /**
   * The firm's captures in id order, a page at a time (keyset pagination works the same on both engines).
   * The purpose is the capture's own, else its device's declared purpose, else `unspecified`.
   */
  async *captures(firmId: string): AsyncGenerator<CaptureForAudit[]> {
    let after = 0;
    for (;;) {
      const rows = await this.db.dataSource.query<
        { id: string; d: string; s: string | null; t: number; p: string }[]
      >(
        `SELECT c.id, d.device_code AS d, c.subject_ref AS s,
                (extract(epoch FROM c.occurred_at) * 1000)::float8 AS t,
                COALESCE(c.purpose, d.declared_purpose, 'unspecified') AS p
         FROM capture_event c JOIN device d ON d.id = c.device_id
         WHERE c.firm_id = $1 AND c.id > $2 ORDER BY c.id LIMIT ${PAGE}`,
        [firmId, after],
      );
      if (rows.length === 0) return;
      const page: CaptureForAudit[] = new Array<CaptureForAudit>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        page[i] = { id: Number(r.id), deviceId: r.d, subjectRef: r.s, occurredAt: Number(r.t), purpose: r.p };
      }
      yield page;
      after = page[page.length - 1].id;
      if (rows.length < PAGE) return;
    }
  }

  async consents(firmId: string): Promise<ConsentForAudit[]> {
    const rows = await this.db.dataSource.query<
      {
        id: string;
        subject_ref: string;
        g: number;
        purposes: string[] | string;
        method: string;
        sep: boolean;
        guard: boolean;
        birth: string | null;
        w: number | null;
        e: number | null;
      }[]
    >(
      `SELECT id, subject_ref, (extract(epoch FROM given_at) * 1000)::float8 AS g, purposes, method,
              separate_consent AS sep, guardian_consent AS guard, subject_birth_date::text AS birth,
              (extract(epoch FROM withdrawn_at) * 1000)::float8 AS w, (extract(epoch FROM expires_at) * 1000)::float8 AS e
       FROM consent_record WHERE firm_id = $1 ORDER BY id`,
      [firmId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      subjectRef: r.subject_ref,
      givenAt: Number(r.g),
      purposes: (Array.isArray(r.purposes)
        ? r.purposes
        : r.purposes
            .replace(/^\{|\}$/g, '')
            .split(',')
            .filter(Boolean)) as Purpose[],
      method: r.method as ConsentMethod,
      separateConsent: r.sep,
      guardianConsent: r.guard,
      subjectBirthDate: r.birth,
      withdrawnAt: r.w === null ? null : Number(r.w),
      expiresAt: r.e === null ? null : Number(r.e),
    }));
  }
}
