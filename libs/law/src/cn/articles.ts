import type { ArticleRef, LegalConfidence } from '../law.types';

function art(
  instrument: string,
  article: string,
  zh: string,
  en: string,
  text: { zh: string; en: string },
  confidence: LegalConfidence = 'P',
): ArticleRef {
  return { instrument, article, label: { zh, en }, text, confidence };
}

/**
 * The articles the consent rules and penalties cite, paraphrased from the texts named in
 * ../shared/reference/legal-facts.md (CRPL §1.1, SAIC Order 73 §1.3 and B4, PIPL §1.5, CRPL Implementing
 * Regulations B1, NDSMR §1.6, Face Recognition Measures §1.7, SPC provisions §1.8).
 */
export const CN_ARTICLES = {
  crpl14: art('cn-crpl-2013', '14', '《消费者权益保护法》第十四条', 'CRPL art. 14', {
    zh: '消费者享有个人信息依法得到保护的权利。',
    en: 'Consumers have the right to have their personal information protected according to law.',
  }),
  crpl29: art('cn-crpl-2013', '29(1)', '《消费者权益保护法》第二十九条第一款', 'CRPL art. 29(1)', {
    zh: '经营者收集、使用消费者个人信息，应当遵循合法、正当、必要的原则，明示收集、使用信息的目的、方式和范围，并经消费者同意。',
    en: 'A business collecting or using consumers’ personal information must be lawful, proper and necessary, state the purpose, method and scope expressly, and obtain the consumer’s consent.',
  }),
  crpl56: art(
    'cn-crpl-2013',
    '56(1)(9)',
    '《消费者权益保护法》第五十六条第一款第（九）项',
    'CRPL art. 56(1)(9)',
    {
      zh: '侵害消费者个人信息依法得到保护的权利的，责令改正，可以根据情节单处或者并处警告、没收违法所得、处以违法所得一倍以上十倍以下的罚款，没有违法所得的，处以五十万元以下的罚款；情节严重的，责令停业整顿、吊销营业执照。',
      en: 'Infringing the right to protection of personal information: order to correct and, as the circumstances require, a warning, confiscation of illegal gains, a fine of 1–10 times the gains or, without gains, up to CNY 500,000; in serious cases suspension or revocation of the business licence.',
    },
  ),
  saic11: art('cn-saic-73', '11', '《侵害消费者权益行为处罚办法》第十一条', 'SAIC Order 73 art. 11', {
    zh: '经营者收集、使用消费者个人信息，不得未经消费者同意收集、使用消费者个人信息。',
    en: 'A business may not collect or use consumers’ personal information without their consent.',
  }),
  saic14: art('cn-saic-73', '14', '《侵害消费者权益行为处罚办法》第十四条', 'SAIC Order 73 art. 14', {
    zh: '经营者有违反本办法第五条至第十一条规定情形之一，其他法律、法规有规定的，依照法律、法规的规定执行；法律、法规未作规定的，依照《消费者权益保护法》第五十六条予以处罚。',
    en: 'Breaches of arts. 5–11 are punished under CRPL art. 56 unless another law or regulation provides otherwise.',
  }),
  pipl13: art('cn-pipl', '13', '《个人信息保护法》第十三条', 'PIPL art. 13', {
    zh: '个人信息处理者取得个人的同意，或者符合法定的其他情形的，方可处理个人信息。',
    en: 'Personal information may be processed only with the individual’s consent or on another lawful basis.',
  }),
  pipl14: art('cn-pipl', '14(1)', '《个人信息保护法》第十四条第一款', 'PIPL art. 14(1)', {
    zh: '基于个人同意处理个人信息的，该同意应当由个人在充分知情的前提下自愿、明确作出。',
    en: 'Consent must be given voluntarily and explicitly by a fully informed individual.',
  }),
  pipl14b: art('cn-pipl', '14(2)', '《个人信息保护法》第十四条第二款', 'PIPL art. 14(2)', {
    zh: '个人信息的处理目的、处理方式和处理的个人信息种类发生变更的，应当重新取得个人同意。',
    en: 'A change of purpose, method or categories of information requires new consent.',
  }),
  pipl15: art('cn-pipl', '15', '《个人信息保护法》第十五条', 'PIPL art. 15', {
    zh: '基于个人同意处理个人信息的，个人有权撤回其同意；撤回同意不影响撤回前已进行的处理活动的效力。',
    en: 'An individual may withdraw consent; withdrawal does not affect processing already done.',
  }),
  pipl28: art('cn-pipl', '28', '《个人信息保护法》第二十八条', 'PIPL art. 28', {
    zh: '生物识别等信息属于敏感个人信息，只有在具有特定的目的和充分的必要性，并采取严格保护措施的情形下，方可处理。',
    en: 'Biometric information is sensitive personal information, processed only for a specific purpose, with sufficient necessity and strict protection.',
  }),
  pipl29: art('cn-pipl', '29', '《个人信息保护法》第二十九条', 'PIPL art. 29', {
    zh: '处理敏感个人信息应当取得个人的单独同意。',
    en: 'Processing sensitive personal information requires the individual’s separate consent.',
  }),
  pipl31: art('cn-pipl', '31', '《个人信息保护法》第三十一条', 'PIPL art. 31', {
    zh: '处理不满十四周岁未成年人个人信息的，应当取得未成年人的父母或者其他监护人的同意。',
    en: 'Processing the personal information of a minor under 14 requires the consent of a parent or other guardian.',
  }),
  pipl66: art('cn-pipl', '66', '《个人信息保护法》第六十六条', 'PIPL art. 66', {
    zh: '违反本法规定处理个人信息的，责令改正，给予警告，没收违法所得；拒不改正的，并处一百万元以下罚款；情节严重的，由省级以上履行个人信息保护职责的部门处五千万元以下或者上一年度营业额百分之五以下罚款。',
    en: 'Order to correct, warning, confiscation; a fine up to CNY 1m on refusal to correct; in serious cases, by a provincial-level authority, up to CNY 50m or 5 % of the previous year’s turnover.',
  }),
  regs23: art(
    'cn-crpl-regs-2024',
    '23',
    '《消费者权益保护法实施条例》第二十三条',
    'CRPL Implementing Regulations art. 23',
    {
      zh: '经营者不得过度收集消费者个人信息；处理包含生物识别等敏感个人信息的，应当符合有关法律、行政法规的规定。',
      en: 'A business may not over-collect consumers’ personal information; sensitive information such as biometrics is processed only as laws and regulations allow.',
    },
  ),
  regs50: art(
    'cn-crpl-regs-2024',
    '50(3)',
    '《消费者权益保护法实施条例》第五十条第三款',
    'CRPL Implementing Regulations art. 50(3)',
    {
      zh: '违反本条例其他规定的，依照《消费者权益保护法》第五十六条的规定予以处罚。',
      en: 'Breaches of its other provisions, including art. 23, are punished under CRPL art. 56.',
    },
  ),
  ndsmr22: art('cn-ndsmr', '22(2)', '《网络数据安全管理条例》第二十二条第二款', 'NDSMR art. 22(2)', {
    zh: '基于个人同意处理生物识别等敏感个人信息的，应当取得个人的单独同意。',
    en: 'Processing biometric and other sensitive personal information on the basis of consent requires separate consent.',
  }),
  ndsmr55: art('cn-ndsmr', '55', '《网络数据安全管理条例》第五十五条', 'NDSMR art. 55', {
    zh: '违反本条例第二十二条等规定的，责令改正，给予警告，可以并处没收违法所得；拒不改正或者情节严重的，处一百万元以下罚款。',
    en: 'Breaches of art. 22 and others: order to correct, warning, confiscation; on refusal or in serious cases a fine up to CNY 1m.',
  }),
  frt6: art(
    'cn-frt-measures-2025',
    '6',
    '《人脸识别技术应用安全管理办法》第六条',
    'Face Recognition Measures art. 6',
    {
      zh: '基于个人同意处理人脸信息的，应当取得个人在充分知情的前提下自愿、明确作出的单独同意。',
      en: 'Face information processed on the basis of consent needs the informed, voluntary and explicit separate consent of the individual.',
    },
    'S',
  ),
  frt7: art(
    'cn-frt-measures-2025',
    '7',
    '《人脸识别技术应用安全管理办法》第七条',
    'Face Recognition Measures art. 7',
    {
      zh: '处理不满十四周岁未成年人人脸信息的，应当取得未成年人的父母或者其他监护人的同意。',
      en: 'Processing the face information of a minor under 14 requires a parent’s or guardian’s consent.',
    },
    'S',
  ),
  frt10: art(
    'cn-frt-measures-2025',
    '10',
    '《人脸识别技术应用安全管理办法》第十条',
    'Face Recognition Measures art. 10',
    {
      zh: '实现相同目的或者达到同等业务要求，存在其他非人脸识别技术方式的，不得将人脸识别技术作为唯一验证方式；个人不同意通过人脸信息进行身份验证的，应当提供其他合理、便捷的方式。',
      en: 'Where another method achieves the same purpose, face recognition may not be the only verification method; anyone who refuses it must be offered another reasonable and convenient way.',
    },
    'S',
  ),
  spc10: art('cn-spc-2021-15', '10', '法释〔2021〕15号第十条', 'SPC face-recognition provisions art. 10', {
    zh: '物业服务企业或者其他建筑物管理人以人脸识别作为业主或者物业使用人出入物业服务区域的唯一验证方式，不同意的业主请求其提供其他合理验证方法的，人民法院依法予以支持。（民事规定，仅作参考）',
    en: 'Courts support residents who refuse face recognition as the only way in and ask for another reasonable method. (Civil provision, cited as context only.)',
  }),
} as const;
