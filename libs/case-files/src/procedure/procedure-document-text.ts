import type { BilingualText } from '@app/common';
import type { ProcedureDocumentKind } from '@app/procedure';

/** The fixed wording of the procedure documents. Chinese is the authentic text; English a courtesy translation. */
export const L = (zh: string, en: string): BilingualText => ({ zh, en });

/** The title each step's document carries, as the procedure names it (docs/case-files.md, "Procedure documents"). */
export const PROCEDURE_DOCUMENT_TITLES: Readonly<Record<ProcedureDocumentKind, BilingualText>> = {
  'filing-approval': L('立案审批表', 'Case Filing Approval Form'),
  'penalty-notice': L('行政处罚告知书', 'Notice of Proposed Administrative Penalty'),
  'hearing-notice': L('听证通知书', 'Notice of Hearing'),
  decision: L('行政处罚决定书', 'Administrative Penalty Decision'),
  'no-penalty-decision': L('不予行政处罚决定书', 'Decision Not to Impose an Administrative Penalty'),
  'service-receipt': L('送达回证', 'Proof of Service'),
  'closing-report': L('结案报告', 'Case Closing Report'),
  withdrawal: L('撤销立案审批表', 'Approval Form for Withdrawing a Case Filing'),
  transfer: L('案件移送函', 'Letter Transferring a Case'),
};

/** The version of the procedure documents' layout, in each PDF's metadata. */
export const PROCEDURE_DOCUMENT_FORMAT_VERSION = '1';

export const ENGLISH_PART_NOTE = L(
  '以下为英文译本，仅供参考；以中文文本为准。',
  'English translation, for reference only; the Chinese text above is the authentic text.',
);

export const DRAFT_LINE = L(
  '草稿：执法机关尚为占位配置，本文书不得签发、送达。',
  'DRAFT: the authority is still a placeholder; this document may not be signed, issued or served.',
);

/** Written where the input leaves a value to be filled in by hand. */
export const BLANK = '＿＿＿＿＿＿＿＿＿＿＿＿';
