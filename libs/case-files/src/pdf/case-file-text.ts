import type { BilingualText } from '@app/common';
import type { CaseFileDecision, CaseFileLimitation } from '../case-file.types';
import { formatCount } from '../core/format';

/** The fixed wording of a case file: titles, section names, notices. Chinese first; English a courtesy. */
export const L = (zh: string, en: string): BilingualText => ({ zh, en });

/** The version of this layout; printed in the integrity section and the PDF metadata. */
export const CASE_FILE_FORMAT_VERSION = '2';

/** Name of the machine-readable JSON attachment embedded in every case file. */
export const ATTACHMENT_NAME = 'case-file.json';

export const SUBJECT = L('未经同意采集、使用人脸信息', 'Capture and use of facial data without consent');

/** The document's title: a penalty file, or a decision not to impose a penalty. */
export function documentTitle(outcome: CaseFileDecision['outcome']): BilingualText {
  return outcome === 'fine'
    ? L('行政处罚案卷', 'Administrative Penalty Case File')
    : L('不予行政处罚决定书', 'Decision Not to Impose an Administrative Penalty');
}

export const SECTIONS = {
  facts: L('违法事实', 'Facts'),
  legal: L('法律依据', 'Legal basis'),
  evidence: L('证据清单', 'Evidence manifest'),
  findings: L('调查发现', 'Findings'),
  persons: L('受影响人员', 'Affected persons'),
  fine: L('罚款及计算过程', 'Fine and how it was calculated'),
  noPenalty: L('不予行政处罚的理由', 'Reasons for imposing no penalty'),
  appeal: L('救济途径', 'Rights of appeal'),
  annexA: L('附件一：发现明细', 'Annex A: List of findings'),
  annexB: L('附件二：受影响人员名单', 'Annex B: List of affected persons'),
  annexC: L('附件三：被拒绝及存在冲突的记录', 'Annex C: Rejected and conflicting records'),
  integrity: L('完整性说明', 'Integrity of this file'),
};

export const DRAFT_NOTICE = L(
  '草稿：本文件尚不能签发，原因如下。',
  'DRAFT: this file cannot be issued yet, for these reasons.',
);

export const EVIDENCE_INTRO = L(
  '下列文件为本案收到的原始证据。每个文件的 SHA-256 摘要在接收时计算并记入保管记录；对保存的原始文件重新计算摘要，结果一致即证明文件未被改动。' +
    '附件一以摘要的前 10 位引用文件，完整摘要见本页及机器可读附件。',
  'These are the raw evidence files received in this case. Each SHA-256 was computed on receipt and entered in the ' +
    'custody log; recomputing it over the stored file and getting the same value shows the file is unchanged. ' +
    'Annex A cites a file by the first 10 characters of its digest; the full digest is here and in the attachment.',
);

export const PERSONS_NOTE = L(
  '受影响人员的完整名单见附件二。人员以当事人系统中的人员编号标识；本案卷不包含任何人脸图像或其他生物特征数据。',
  "The complete list of affected persons is Annex B. Persons are identified by the reference the firm's own system " +
    'gave them; this file contains no face images or other biometric data.',
);

export const ANNEX_A_INTRO = (zone: string) =>
  L(
    `每行为同一人员在同一设备上因同一原因被采集的记录汇总。时间为 ${zone} 当地时间。“首末采集记录”列出当事人自己的事件编号、` +
      '所在文件及行号和该文件摘要的前 10 位；“同意记录”列出当事人自己的同意编号。',
    `Each row groups the captures of one person on one device for one reason. Times are local times in ${zone}. ` +
      "'First / last capture' gives the firm's own event id, the file and line it came from and the first 10 " +
      "characters of that file's digest; 'Consent records' gives the firm's own consent ids.",
  );

export const ANNEX_C_INTRO = L(
  '下列记录在接收时被拒绝（未予采用），或因同一设备同一事件编号下有两条不同的记录而被标记为冲突（两条均保留）。' +
    '拒绝和冲突的原因代码见机器可读附件。',
  'These records were rejected on receipt (not used), or flagged as conflicts because one device gave two ' +
    'different records under one event id (both kept). The reason codes are in the machine-readable attachment.',
);

/** The rule that decides a limitation question, worded from its computed dates. */
export function limitationText(l: CaseFileLimitation): BilingualText {
  const assumed = l.discoveryAssumed
    ? L('（未记录发现时间，按推定日期计算）', ' (not recorded; assumed)')
    : L('', '');
  return L(
    `违法行为终了之日为 ${l.conductEnded}，发现之日为 ${l.discoveryDate}${assumed.zh}，追责期限届满之日为 ${l.deadline}。` +
      (l.barred
        ? '违法行为在追责期限内未被发现，依法不再给予行政处罚。'
        : '违法行为在追责期限内被发现，可以给予行政处罚。') +
      `依据：${l.citation.zh}。`,
    `The conduct ended on ${l.conductEnded}; it was discovered on ${l.discoveryDate}${assumed.en}; the limitation ` +
      `period ended on ${l.deadline}. ` +
      (l.barred
        ? 'The conduct was not discovered within the period, so no penalty may be imposed. '
        : 'The conduct was discovered within the period, so a penalty may be imposed. ') +
      `Basis: ${l.citation.en}.`,
  );
}

export const NO_PENALTY_DECISION = L(
  '综上，本机关决定对当事人不予行政处罚。',
  'For these reasons, the authority decides not to impose an administrative penalty on the party.',
);

export const ATTACHMENT_NOTE = L(
  `本文件内嵌机器可读附件 ${ATTACHMENT_NAME}（JSON），载有案件发现汇总、带编号的计算过程、原因代码及全部证据文件的 SHA-256 摘要；` +
    '可用 PDF 阅读器的“附件”面板或 pdfdetach 命令取出。',
  `This file embeds a machine-readable attachment, ${ATTACHMENT_NAME} (JSON), with the summary of the findings, the ` +
    'calculation trace with its ids, the reason codes and the SHA-256 of every evidence file; open it from the ' +
    "reader's attachments panel or extract it with pdfdetach.",
);

/** The custody-chain anchor of the records a case file was made from, and how to check it. */
export function chainAnchorText(anchor: string, keyFingerprint?: string): BilingualText {
  if (!keyFingerprint) {
    return L(
      `保管链锚点：${anchor}。该值为生成本案卷所依据记录在保管链中的摘要；运行 bioaudit verify --against ${anchor} ` +
        '可证明此后登记册中的记录未被删改。',
      `Custody-chain anchor: ${anchor}. It is the digest, in the custody chain, of the records this file was made ` +
        `from; \`bioaudit verify --against ${anchor}\` proves the register has not been rewritten since.`,
    );
  }
  return L(
    `保管链签名锚点：${anchor}。该值为生成本案卷所依据记录在保管链中的摘要，并由执法机关的签名密钥（Ed25519，` +
      `公钥指纹 SHA-256：${keyFingerprint}）签名；运行 bioaudit verify --against <锚点> --public-key-file <公钥文件> ` +
      '可仅凭公钥验证签名，并证明此后登记册中的记录未被删改。',
    `Signed custody-chain anchor: ${anchor}. It is the digest, in the custody chain, of the records this file was ` +
      `made from, signed by the authority's signing key (Ed25519, public key fingerprint SHA-256 ${keyFingerprint}); ` +
      '`bioaudit verify --against <anchor> --public-key-file <public key>` checks the signature with the public key ' +
      'alone and proves the register has not been rewritten since.',
  );
}

export function integrityText(
  caseNumber: string,
  counts: { findingRows: number; affectedPersonRows: number; quarantinedRows: number },
): BilingualText[] {
  return [
    L(
      `本案卷（案号 ${caseNumber}）由 bioaudit 案卷生成器（版式版本 ${CASE_FILE_FORMAT_VERSION}）根据案件登记册中保存的记录生成，` +
        `共列出发现 ${formatCount(counts.findingRows)} 行、受影响人员 ${formatCount(counts.affectedPersonRows)} 人、` +
        `被拒绝及存在冲突的记录 ${formatCount(counts.quarantinedRows)} 条。相同的记录总是生成逐字节相同的 PDF 文件；` +
        '文件的创建时间取自决定日期，而非生成时刻。',
      `This case file (case number ${caseNumber}) was generated by the bioaudit case-file renderer (layout version ` +
        `${CASE_FILE_FORMAT_VERSION}) from the records stored in the case register; it lists ${formatCount(counts.findingRows)} ` +
        `finding rows, ${formatCount(counts.affectedPersonRows)} affected persons and ${formatCount(counts.quarantinedRows)} ` +
        'rejected or conflicting records. The same records always produce a byte-identical PDF; its creation date is ' +
        'the decision date, never the moment it was generated.',
    ),
    L(
      '本文件的 SHA-256 摘要在生成时计算，并记入案件登记册。摘要不能印在本文件之中，因为印上摘要就会改变文件本身。',
      'The SHA-256 digest of this file was computed when it was generated and is recorded in the case register. The ' +
        'digest cannot be printed inside the file itself, because printing it would change the file.',
    ),
    L(
      '核验方法：对所持有的 PDF 文件计算 SHA-256（例如 sha256sum 文件名.pdf），并与案件登记册中本案号下记录的值比对；两者一致，' +
        '即证明文件自生成以来未被改动。证据清单中每个原始文件的摘要可用同样方法与保存的原始文件核对。' +
        '签名、盖章后的版本是另一份文件，其摘要另行登记。',
      'To verify: compute the SHA-256 of the PDF you hold (for example: sha256sum file.pdf) and compare it with the value ' +
        'recorded under this case number in the case register; if they match, the file is unchanged since it was ' +
        'generated. Each raw evidence file in the manifest can be checked the same way against the stored original. A ' +
        'signed or sealed version is a different file, and its digest is registered separately.',
    ),
    ATTACHMENT_NOTE,
  ];
}
