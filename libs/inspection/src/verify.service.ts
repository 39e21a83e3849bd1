import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isDomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { loadSigningKey, PublicSigningKey, type SigningKey } from '@app/crypto';
import { hashFile } from '@app/ingestion';
import {
  AuditLogRepository,
  CUSTODY_TABLES,
  CustodyChainRepository,
  RegistryRepository,
  RetentionRepository,
  type BatchEvidence,
  type ChainEntry,
} from '@app/persistence';
import { anchorOf, anchorSignatureProblem, parseAnchor, signedAnchorOf } from './custody-anchor';
import { EvidenceStore } from './evidence-store';
import { INSPECTION_ERRORS } from './inspection.errors';

const GENESIS = '0'.repeat(64);

/**
 * The hash of a chain entry, exactly as the database computes it in `custody_append`:
 * SHA-256 over `seq \n kind \n entity \n entity_id \n payload \n prev_hash` (payload in jsonb's canonical text).
 */
export function chainEntryHash(e: Omit<ChainEntry, 'rowHash'>): string {
  return createHash('sha256')
    .update([e.seq, e.kind, e.entity, e.entityId ?? '', e.payloadText, e.prevHash].join('\n'), 'utf8')
    .digest('hex');
}

/** Checks one entry against the one before it; returns what is wrong, or null. */
export function chainLinkBreak(prev: { seq: string; rowHash: string } | null, e: ChainEntry): string | null {
  const expectedSeq = prev ? BigInt(prev.seq) + 1n : 1n;
  if (BigInt(e.seq) !== expectedSeq)
    return `entry #${expectedSeq} is missing (the chain goes on at #${e.seq})`;
  if (e.prevHash !== (prev?.rowHash ?? GENESIS))
    return `entry #${e.seq} does not link to entry #${prev?.seq ?? 0}`;
  if (chainEntryHash(e) !== e.rowHash) {
    return `entry #${e.seq} (${e.kind}${e.entityId ? ` ${e.entityId}` : ''}) was altered`;
  }
  return null;
}

/** The deployment's anchor-signing key (BIOAUDIT_SIGNING_KEY, or its key file, generated on first use). */
export function signingKeyOf(config: AppConfig): SigningKey {
  return loadSigningKey({ signingKey: config.keys.signingKey, signingKeyFile: config.keys.signingKeyFile });
}

export interface VerifySummary {
  entries: number;
  anchor: string | null;
  rows: number;
  files: number;
  batches: number;
  anchorsChecked: number;
}

/**
 * `bioaudit verify`: re-walks the custody chain, then checks against it every row it records (ingest batches,
 * cases, findings, assessments, case files, audit_log), every raw evidence file and issued case file (by
 * re-hashing the bytes), and every batch's rows (counts and digests). Throws VERIFY.CUSTODY_BROKEN naming
 * the first break; returns a summary when everything is intact. The check itself is logged.
 */
@Injectable()
export class VerifyService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly chain: CustodyChainRepository,
    private readonly registry: RegistryRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly retention: RetentionRepository,
  ) {}

  /** Reads sealed files back (raw evidence and case files share one format and keyring); made when first needed. */
  private store: EvidenceStore | null = null;

  /** The current anchor, signed (v2) by the deployment's key (null for an empty chain). */
  async anchor(): Promise<string | null> {
    const head = await this.chain.head();
    return head ? signedAnchorOf(head, signingKeyOf(this.config)) : null;
  }

  /** The public key that checks this deployment's signed anchors: PEM and fingerprint (SHA-256 of its DER). */
  publicKey(): { pem: string; fingerprint: string } {
    const key = signingKeyOf(this.config).publicKey;
    return { pem: key.pem(), fingerprint: key.fingerprint };
  }

  /**
   * `publicKeyPem`: check signed anchors with this public key (a third party's check, no private key needed);
   * without it, with the configured signing key. The summary's anchor is signed only in the latter case.
   */
  async verify(
    options: { firm?: string; anchors?: string[]; operator?: string; publicKeyPem?: string } = {},
  ): Promise<VerifySummary> {
    const firmId = options.firm ? await this.firmId(options.firm) : null;
    const own = options.publicKeyPem === undefined ? signingKeyOf(this.config) : null;
    const checkingKey = own
      ? own.publicKey
      : PublicSigningKey.fromText(options.publicKeyPem ?? '', 'the public key file');
    const problem = await this.firstBreak(firmId, options.anchors ?? [], checkingKey, own);
    const summary = problem.summary;
    await this.auditLog.append(
      options.operator ?? this.config.operator,
      'custody.verified',
      'custody_event',
      null,
      { firm: options.firm ?? null, intact: problem.what === null, break: problem.what, ...summary },
    );
    if (problem.what !== null) {
      throw new DomainError(INSPECTION_ERRORS.CUSTODY_BROKEN, problem.what, {
        break: problem.what,
      });
    }
    return summary;
  }

  /**
   * The SHA-256 of a stored file's plaintext (raw files and case files are sealed at rest); a file kept before
   * sealing existed is hashed as it is. Null when the file is gone; the error code when it does not authenticate.
   */
  private async plaintextSha256(file: string): Promise<string | null> {
    try {
      this.store ??= EvidenceStore.forConfig(this.config);
      return (await this.store.sha256Of(file)).sha256;
    } catch (e) {
      if (isDomainError(e) && e.code === 'KEYS.NOT_SEALED') {
        return hashFile(file).then((h) => h.sha256);
      }
      if (isDomainError(e)) return e.code;
      return null;
    }
  }

  private async firmId(creditCode: string): Promise<string> {
    const firm = await this.registry.findFirm(creditCode);
    if (!firm) {
      throw new DomainError(INSPECTION_ERRORS.FIRM_NOT_FOUND, `No firm ${creditCode} has been ingested`, {
        creditCode,
      });
    }
    return firm.id;
  }

  private async firstBreak(
    firmId: string | null,
    anchors: string[],
    checkingKey: PublicSigningKey,
    own: SigningKey | null,
  ): Promise<{ what: string | null; summary: VerifySummary }> {
    const summary: VerifySummary = {
      entries: 0,
      anchor: null,
      rows: 0,
      files: 0,
      batches: 0,
      anchorsChecked: 0,
    };
    const broken = (what: string) => ({ what, summary });

    // 1. The chain itself: contiguous, linked, every entry's hash recomputed.
    let prev: { seq: string; rowHash: string } | null = null;
    for await (const e of this.chain.entries()) {
      const what = chainLinkBreak(prev, e);
      if (what) return broken(what);
      prev = { seq: e.seq, rowHash: e.rowHash };
      summary.entries++;
    }
    summary.anchor = prev ? (own ? signedAnchorOf(prev, own) : anchorOf(prev)) : null;

    // 2. Anchors exported earlier: a signed one's signature holds, and the entry they name still has their hash.
    for (const a of anchors) {
      const anchor = parseAnchor(a);
      if (!anchor) return broken(`"${a}" is not a custody anchor`);
      const forged = anchorSignatureProblem(anchor, checkingKey);
      if (forged) return broken(forged);
      const h = await this.chain.hashAt(anchor.seq);
      if (h !== anchor.hash) {
        return broken(
          `anchor ${anchor.text} no longer matches entry #${anchor.seq} (the chain was rewritten)`,
        );
      }
      summary.anchorsChecked++;
    }

    // 3. Every recorded row as the chain last recorded it; no row the chain never saw.
    for (const table of CUSTODY_TABLES) {
      const [d] = await this.chain.disagreements(table, firmId);
      if (d) {
        const at = d.seq ? ` (entry #${d.seq})` : '';
        const why =
          d.problem === 'missing'
            ? 'was deleted'
            : d.problem === 'unrecorded'
              ? 'is not in the chain (inserted behind its back)'
              : 'changed since it was recorded';
        return broken(`${table} ${d.id}${at} ${why}`);
      }
    }
    summary.rows = CUSTODY_TABLES.length;

    // 4. Every stored file: the row still names the bytes the chain recorded, and the bytes still hash to it.
    const files = await this.chain.recordedFiles(firmId);
    // A raw file the retention job removed (recorded in retention_file) is not a break: its hash, its rows and its
    // place in the chain are still checked; only its bytes are gone, by rule and on record.
    const retired = new Set(
      (
        await this.retention.retiredBatchFiles(
          files.filter((f) => f.table === 'ingest_batch').map((f) => f.id),
        )
      ).map((r) => r.batchId),
    );
    for (const f of files) {
      const what = f.table === 'ingest_batch' ? `raw file of batch ${f.id}` : `case file ${f.id}`;
      if (f.current && f.current.sha256 !== f.sha256) {
        return broken(
          `${f.table} ${f.id} says sha256 ${f.current.sha256.slice(0, 12)}…, the chain recorded ${f.sha256.slice(0, 12)}… (entry #${f.seq})`,
        );
      }
      const actual = await this.plaintextSha256(f.storagePath);
      if (actual === null && f.table === 'ingest_batch' && retired.has(f.id)) continue;
      if (actual === null) return broken(`${what} is missing: ${f.storagePath} (entry #${f.seq})`);
      if (actual.startsWith('KEYS.')) {
        return broken(
          `${what} was altered: ${f.storagePath} does not authenticate (${actual}) (entry #${f.seq})`,
        );
      }
      if (actual !== f.sha256) {
        return broken(
          `${what} was altered: ${f.storagePath} hashes to ${actual.slice(0, 12)}…, the chain recorded ${f.sha256.slice(0, 12)}… (entry #${f.seq})`,
        );
      }
      summary.files++;
    }

    // 5. Every batch's rows: the count and digest recorded when its status last changed.
    for (const b of await this.chain.recordedBatchEvidence(firmId)) {
      const now = await this.chain.batchEvidence(b.batchId);
      for (const kind of ['captures', 'consents', 'quarantined'] as (keyof BatchEvidence)[]) {
        const was = b.evidence[kind];
        const is = now[kind];
        if (was.count !== is.count) {
          return broken(
            `batch ${b.batchId} held ${was.count} ${kind} rows, now ${is.count} (entry #${b.seq})`,
          );
        }
        if (was.digest !== is.digest)
          return broken(`batch ${b.batchId}: a ${kind} row was altered (entry #${b.seq})`);
      }
      summary.batches++;
    }
    return { what: null, summary };
  }
}
