import { FINDING_REASONS, type FindingReason } from '@app/common';
import type { CaseFileInput, CaseFileQuarantineRow } from '../case-file.types';

/** Counts by reason in the canonical order of reasons, whatever order the caller's object had. */
export function canonicalByReason(
  byReason: Partial<Record<FindingReason, number>>,
): Partial<Record<FindingReason, number>> {
  const out: Partial<Record<FindingReason, number>> = {};
  for (const r of FINDING_REASONS) if (byReason[r] !== undefined) out[r] = byReason[r];
  return out;
}

/** What the render counted while streaming, for the attachment. */
export interface AttachmentCounts {
  findingRows: number;
  affectedPersonRows: number;
  quarantinedRows: number;
  /** Per file, kind and reason code, in the order first seen. */
  quarantineByReason: { row: CaseFileQuarantineRow; count: number }[];
}

/**
 * The machine-readable attachment embedded in every case file: everything the printed body names in
 * words, by its ids — reason codes, rulebook and step ids, tier id, precedent ids, the full SHA-256 of
 * every evidence file. Built from the input in a fixed key order, so the bytes are as reproducible as the
 * PDF's. Bounded in size: the streamed rows are counted here, not copied.
 */
export function caseFileAttachment(input: CaseFileInput, layout: string, counts: AttachmentCounts): Buffer {
  return Buffer.from(`${JSON.stringify(attachmentDocument(input, layout, counts), null, 2)}\n`, 'utf8');
}

/** The parsed shape of the attachment (`JSON.parse` of what `pdfdetach` extracts). */
export type CaseFileAttachmentJson = ReturnType<typeof attachmentDocument>;

function attachmentDocument(input: CaseFileInput, layout: string, counts: AttachmentCounts) {
  const d = input.decision;
  const p = d.outcome === 'fine' ? d.penalty : null;
  const doc = {
    format: 'bioaudit.case-file/1',
    layout,
    caseNumber: input.caseNumber,
    languages: [...input.languages],
    draft: input.draftReasons.length > 0,
    draftReasons: input.draftReasons.map((r) => r.en),
    authority: {
      name: input.authority.name,
      regionCode: input.authority.region.code,
      officers: input.authority.officers,
    },
    firm: { name: input.firm.name, creditCode: input.firm.creditCode, timezone: input.firm.timezone },
    dates: input.dates,
    conduct: input.inspectionPeriod,
    findings: {
      capturesAudited: input.facts.capturesAudited,
      capturesWithoutValidConsent: input.facts.capturesWithoutValidConsent,
      affectedSubjects: input.facts.affectedSubjects,
      unidentifiedCaptures: input.facts.unidentifiedCaptures,
      byReason: input.findingsByReason.map((r) => ({
        reason: r.reason,
        captures: r.captures,
        subjects: r.subjects,
      })),
      byPeriod: input.facts.periods.map((x) => ({
        from: x.from,
        to: x.to,
        capturesWithoutValidConsent: x.capturesWithoutValidConsent,
        affectedSubjects: x.affectedSubjects,
        byReason: canonicalByReason(x.byReason),
      })),
      bySite: input.findingsBySite.map((s) => ({
        siteId: s.siteId,
        byReason: canonicalByReason(s.byReason),
      })),
      siteFindings: input.siteFindings.map((s) => ({ siteId: s.siteId, rule: s.rule })),
      annexRows: { findings: counts.findingRows, affectedPersons: counts.affectedPersonRows },
    },
    decision: {
      outcome: d.outcome,
      limitation: d.limitation,
      penalty: p && {
        rulebook: { id: p.rulebook.id, version: p.rulebook.version },
        currency: p.currency,
        amount: p.amount,
        min: p.min,
        max: p.max,
        tier: p.tier.id,
        steps: p.steps.map((s) => ({ id: s.id, value: s.value, citation: s.citation.en })),
        precedents: p.precedents.map((c) => ({
          id: c.id,
          comparable: c.comparable,
          amount: c.amount,
          currency: c.currency,
          versus: c.versus,
        })),
      },
    },
    evidence: input.evidence.map((e) => ({
      fileName: e.fileName,
      sha256: e.sha256,
      kind: e.kind,
      format: e.format,
      size: e.size,
      read: e.read,
      accepted: e.accepted,
      duplicates: e.duplicates,
      rejected: e.rejected,
      conflicts: e.conflicts ?? 0,
      receivedAt: e.receivedAt,
    })),
    quarantine: {
      rows: counts.quarantinedRows,
      byReason: counts.quarantineByReason.map(({ row, count }) => ({
        fileName: row.fileName,
        batchSha256: row.batchSha256,
        kind: row.kind,
        reasonCode: row.reasonCode,
        count,
      })),
    },
    extra: input.machineReadable ?? null,
  };
  return doc;
}
