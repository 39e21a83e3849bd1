import type { ConsentMethod, Purpose } from '@app/common';
import type { Database } from '../data-source';
import { withBulkTransaction } from '../bulk/bulk-session';

/**
 * A capture as the detection core reads it: ids, time in epoch ms and the capture's own purpose as logged
 * (null when the device did not log one). The purpose it is judged against is resolved by the caller with
 * @app/detection's `resolvePurpose` (own, else the device's declared purpose): one path, tested once.
 */
export interface CaptureForAudit {
  id: number;
  /** The firm's device id (device_code). */
  deviceId: string;
  subjectRef: string | null;
  occurredAt: number;
  ownPurpose: Purpose | null;
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

const PAGE = 200_000;

/** Undoes COPY text-format escaping (only fields holding a backslash need it). */
function unescapeCopy(field: string): string {
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_m, c: string) =>
    c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c,
  );
}

/** Parses `id, device, subject, epoch ms, own purpose` rows of COPY text output. */
export function parseCapturePage(text: string): CaptureForAudit[] {
  const out: CaptureForAudit[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const f = text.slice(start, end).split('\t');
    start = end + 1;
    if (f.length < 5) continue;
    out.push({
      id: Number(f[0]),
      deviceId: unescapeCopy(f[1]),
      subjectRef: f[2] === '\\N' ? null : unescapeCopy(f[2]),
      occurredAt: Number(f[3]),
      ownPurpose: f[4] === '\\N' ? null : (unescapeCopy(f[4]) as Purpose),
    });
  }
  return out;
}

/**
 * The batch ids an audit reads, as an SQL list of integers (the bulk path cannot bind parameters). Only
 * completed batches are evidence: the caller passes the ids its case rests on (IngestBatchRepository.completedOf),
 * so the rows read and the evidence list of the case are the same set. No id reads nothing.
 */
function evidenceBatches(batchIds: readonly string[]): string {
  const ids = batchIds.map((id) => {
    if (!/^\d+$/.test(id)) throw new Error(`not a batch id: ${id}`);
    return id;
  });
  return ids.length === 0 ? 'NULL' : ids.join(', ');
}

/**
 * Reads a firm's stored evidence for an audit, in pages, never all captures at once, and only from the
 * batches named: rows of a batch still receiving, failed or discarded are never evidence.
 */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /**
   * The firm's captures in id order, a page at a time, read on the bulk path (`COPY … TO`): result rows
   * through the driver cost far more than the audit itself. Only the capture's own purpose is read: the
   * device's declared purpose is the device's (RegistryRepository.devicesOf), and the two are resolved in
   * TypeScript by `resolvePurpose`, not by a second rule in SQL.
   */
  async *captures(firmId: string, batchIds: readonly string[]): AsyncGenerator<CaptureForAudit[]> {
    const batches = evidenceBatches(batchIds);
    let after = 0;
    for (;;) {
      const text = await withBulkTransaction(this.db, (s) =>
        s.copyOut(
          `SELECT c.id, d.device_code, c.subject_ref, (extract(epoch FROM c.occurred_at) * 1000)::bigint,
                  c.purpose
           FROM capture_event c JOIN device d ON d.id = c.device_id
           WHERE c.firm_id = ${Number(firmId)} AND c.batch_id IN (${batches}) AND c.id > ${after}
           ORDER BY c.id LIMIT ${PAGE}`,
        ),
      );
      const page = parseCapturePage(text);
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1].id;
      if (page.length < PAGE) return;
    }
  }

  async consents(firmId: string, batchIds: readonly string[]): Promise<ConsentForAudit[]> {
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
       FROM consent_record WHERE firm_id = $1 AND batch_id IN (${evidenceBatches(batchIds)}) ORDER BY id`,
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
