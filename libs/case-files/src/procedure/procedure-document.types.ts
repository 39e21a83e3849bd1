import type { ProcedureDocumentKind } from '@app/procedure';

/**
 * Everything a procedure document shows, assembled by the case workflow from stored rows. Plain data: the
 * renderer decides nothing legal, it lays out what it is given (Chinese first; English when asked).
 */
export interface ProcedureDocumentInput {
  kind: ProcedureDocumentKind;
  languages: readonly ('zh' | 'en')[];
  authority: {
    nameZh: string;
    nameEn: string | null;
    regionCode: string;
    placeholder: boolean;
    /** Where and how the party reaches the authority (printed with the contact of a notice or letter). */
    address?: string | null;
    phone?: string | null;
  };
  /** The case's number and, once filed, its docket number (立案号); the document's own number (文号). */
  caseNumber: string;
  docketNumber: string | null;
  documentNumber: string;
  /** The date the document is issued (YYYY-MM-DD). */
  issuedOn: string;
  firm: { name: string; creditCode: string; address: string | null };
  handlers: readonly { name: string; certificateNumber: string | null }[];
  /** Who approved the step (the head for filing and decision; the reviewer for legal review). */
  approver: { name: string; roleZh: string } | null;
  facts: {
    summaryZh: string;
    summaryEn: string | null;
    captures: number;
    persons: number;
    firstCapture: string | null;
    lastCapture: string | null;
    byReason: readonly { reasonZh: string; reasonEn: string; count: number }[];
  } | null;
  evidence: readonly { labelZh: string; sha256: string; records: number | null }[];
  legalBasis: readonly { zh: string; en: string | null }[];
  penalty: {
    amountMinor: number;
    currency: 'CNY';
    rangeMinMinor: number | null;
    rangeMaxMinor: number | null;
    reasonZh: string | null;
  } | null;
  rights: {
    /** The last day to state and defend (陈述、申辩). */
    statementDue: string | null;
    /** The last day to ask for a hearing, when the penalty qualifies for one (APL art. 63). */
    hearingDue: string | null;
    /** Reconsideration and litigation: days and the articles that grant them. */
    appeal: readonly {
      routeZh: string;
      routeEn: string;
      days: number;
      articleZh: string;
      /** Where the statute counts in months (a lawsuit: six months, ALL art. 46), printed instead of `days`. */
      months?: number | null;
      /** The article in English; `articleZh` is printed in the English part when absent. */
      articleEn?: string | null;
    }[];
  };
  hearing: { date: string; time: string | null; place: string; hostName: string | null } | null;
  service: { method: string; servedOn: string; recipient: string } | null;
  /** Every step so far (for the closing report). */
  timeline: readonly { date: string; actionZh: string; actor: string }[];
  /** How to pay a fine (the designated bank, account or payment platform), printed in the decision. */
  payment?: { instructionsZh: string; instructionsEn: string | null } | null;
  /** The document a service receipt is for (送达文书): its title and number. Left blank to fill in by hand when absent. */
  servedDocument?: { titleZh: string; titleEn: string | null; documentNumber: string } | null;
  /** The body a case is transferred to (案件移送函); left blank to fill in by hand when absent. */
  transferTo?: { nameZh: string; nameEn: string | null } | null;
  /** Why (withdrawal, transfer, no penalty) or the officer's note. */
  reason: string | null;
  note: string | null;
}
