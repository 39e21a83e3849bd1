import type { CaseFileLegalBasis } from '@app/case-files';

/**
 * The provisions a Chinese case file cites for each kind of finding. Sources: ../shared/reference/legal-facts.md
 * sections 1.1, 1.5, 1.6, 1.8 and docs/detection.md.
 */
const CRPL_29: CaseFileLegalBasis = {
  citation: 'CRPL art. 29(1)',
  text: 'A business collecting or using consumers’ personal information must state the purpose, method and scope expressly and obtain the consumer’s consent.',
  textZh:
    '《消费者权益保护法》第二十九条第一款：经营者收集、使用消费者个人信息，应当明示收集、使用信息的目的、方式和范围，并经消费者同意。',
};
const CRPL_56: CaseFileLegalBasis = {
  citation: 'CRPL art. 56(1)(9)',
  text: 'Infringing consumers’ right to the protection of personal information: warning, confiscation of illegal gains, a fine of 1–10 times the illegal gains or, without illegal gains, up to CNY 500,000.',
  textZh:
    '《消费者权益保护法》第五十六条第一款第（九）项：侵害消费者个人信息依法得到保护的权利的，处以警告、没收违法所得、处以违法所得一倍以上十倍以下的罚款，没有违法所得的，处以五十万元以下的罚款。',
};
const PIPL_29: CaseFileLegalBasis = {
  citation: 'PIPL arts. 28–29',
  text: 'Biometric identification data is sensitive personal information; processing it requires the individual’s separate consent.',
  textZh:
    '《个人信息保护法》第二十八条、第二十九条：生物识别信息属于敏感个人信息，处理敏感个人信息应当取得个人的单独同意。',
};
const PIPL_15: CaseFileLegalBasis = {
  citation: 'PIPL arts. 14–15',
  text: 'Consent must be informed, voluntary and explicit; new consent is needed when the purpose changes; consent may be withdrawn.',
  textZh:
    '《个人信息保护法》第十四条、第十五条：同意应当在充分知情的前提下自愿、明确作出；处理目的变更的应当重新取得同意；个人有权撤回同意。',
};
const PIPL_31: CaseFileLegalBasis = {
  citation: 'PIPL art. 31',
  text: 'Processing personal information of a minor under 14 requires the consent of a parent or other guardian.',
  textZh:
    '《个人信息保护法》第三十一条：处理不满十四周岁未成年人个人信息的，应当取得未成年人的父母或者其他监护人的同意。',
};
const SPC_10: CaseFileLegalBasis = {
  citation:
    'SPC Provisions on face recognition (法释〔2021〕15号) art. 10; Face Recognition Measures 2025 art. 10',
  text: 'Face recognition must not be the only way for residents to enter; another reasonable and convenient method must be offered.',
  textZh:
    '《最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定》第十条；《人脸识别技术应用安全管理办法》第十条：不得将人脸识别作为唯一验证方式。',
};

/** The provisions to cite for the reasons and site rules found, in a stable order. */
export function legalBasisFor(
  reasons: readonly string[],
  siteRules: readonly string[],
): CaseFileLegalBasis[] {
  const out = [CRPL_29, CRPL_56, PIPL_29];
  const has = (r: string) => reasons.includes(r);
  if (has('CONSENT_WITHDRAWN') || has('PURPOSE_NOT_COVERED') || has('CONSENT_EXPIRED')) out.push(PIPL_15);
  if (has('MINOR_WITHOUT_GUARDIAN_CONSENT')) out.push(PIPL_31);
  if (siteRules.includes('FACE_ONLY_ACCESS')) out.push(SPC_10);
  return out;
}
