import type { LegalInstrument } from '../law.types';

/**
 * The Chinese instruments bioaudit cites. Dates and document numbers from ../shared/reference/legal-facts.md
 * (sections 1.1–1.10, addenda B and 2) and the statute texts named there; `publication` is the original
 * promulgating act, never a mirror.
 */
export const CN_INSTRUMENTS: readonly LegalInstrument[] = [
  {
    id: 'cn-crpl-2013',
    title: {
      zh: '中华人民共和国消费者权益保护法（2013年修正）',
      en: 'Consumer Rights Protection Law (2013 amendment)',
    },
    short: { zh: '《消费者权益保护法》', en: 'CRPL' },
    issuer: { zh: '全国人民代表大会常务委员会', en: 'Standing Committee of the National People’s Congress' },
    docNumber: '中华人民共和国主席令第七号',
    inForceFrom: '2014-03-15',
    inForceUntil: null,
    publication: '中华人民共和国主席令第七号，2013-10-25',
    confidence: 'S',
  },
  {
    id: 'cn-saic-73',
    title: {
      zh: '侵害消费者权益行为处罚办法（2020年修订）',
      en: 'Measures on Penalties for Infringing Consumer Rights (as amended 2020)',
    },
    short: { zh: '《侵害消费者权益行为处罚办法》', en: 'SAIC Order 73' },
    issuer: { zh: '国家工商行政管理总局；国家市场监督管理总局修订', en: 'SAIC; amended by SAMR' },
    docNumber: '国家工商行政管理总局令第73号；国家市场监督管理总局令第31号修订',
    inForceFrom: '2015-03-15',
    inForceUntil: null,
    publication: '国家工商行政管理总局令第73号，2015-01-05；国家市场监督管理总局令第31号，2020-10-23',
    confidence: 'P',
  },
  {
    id: 'cn-pipl',
    title: { zh: '中华人民共和国个人信息保护法', en: 'Personal Information Protection Law' },
    short: { zh: '《个人信息保护法》', en: 'PIPL' },
    issuer: { zh: '全国人民代表大会常务委员会', en: 'Standing Committee of the National People’s Congress' },
    docNumber: '中华人民共和国主席令第九十一号',
    inForceFrom: '2021-11-01',
    inForceUntil: null,
    publication: '中华人民共和国主席令第九十一号，2021-08-20',
    confidence: 'P',
  },
  {
    id: 'cn-crpl-regs-2024',
    title: {
      zh: '中华人民共和国消费者权益保护法实施条例',
      en: 'Implementing Regulations of the Consumer Rights Protection Law',
    },
    short: { zh: '《消费者权益保护法实施条例》', en: 'CRPL Implementing Regulations' },
    issuer: { zh: '国务院', en: 'State Council' },
    docNumber: '中华人民共和国国务院令第778号',
    inForceFrom: '2024-07-01',
    inForceUntil: null,
    publication: '中华人民共和国国务院令第778号，2024-03-15',
    confidence: 'P',
  },
  {
    id: 'cn-ndsmr',
    title: { zh: '网络数据安全管理条例', en: 'Network Data Security Management Regulations' },
    short: { zh: '《网络数据安全管理条例》', en: 'NDSMR' },
    issuer: { zh: '国务院', en: 'State Council' },
    docNumber: '中华人民共和国国务院令第790号',
    inForceFrom: '2025-01-01',
    inForceUntil: null,
    publication: '中华人民共和国国务院令第790号，2024-09-24（令号未经核实）',
    confidence: 'U',
  },
  {
    id: 'cn-frt-measures-2025',
    title: {
      zh: '人脸识别技术应用安全管理办法',
      en: 'Measures for the Security Management of the Application of Face Recognition Technology',
    },
    short: { zh: '《人脸识别技术应用安全管理办法》', en: 'Face Recognition Measures' },
    issuer: {
      zh: '国家互联网信息办公室、公安部',
      en: 'Cyberspace Administration of China and Ministry of Public Security',
    },
    docNumber: '国家互联网信息办公室 公安部令第19号',
    inForceFrom: '2025-06-01',
    inForceUntil: null,
    publication: '国家互联网信息办公室 公安部令第19号，2025-03-13',
    confidence: 'S',
  },
  {
    id: 'cn-spc-2021-15',
    title: {
      zh: '最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定',
      en: 'SPC Provisions on civil cases involving face recognition',
    },
    short: {
      zh: '《最高人民法院关于审理使用人脸识别技术处理个人信息相关民事案件适用法律若干问题的规定》',
      en: 'SPC face-recognition provisions',
    },
    issuer: { zh: '最高人民法院', en: 'Supreme People’s Court' },
    docNumber: '法释〔2021〕15号',
    inForceFrom: '2021-08-01',
    inForceUntil: null,
    publication: '法释〔2021〕15号，2021-07-27',
    confidence: 'P',
    civilOnly: true,
  },
  {
    id: 'cn-apl-2017',
    title: {
      zh: '中华人民共和国行政处罚法（2017年修正）',
      en: 'Administrative Penalty Law (1996, as amended 2009 and 2017)',
    },
    short: { zh: '《行政处罚法》（2017年修正）', en: 'APL (2017)' },
    issuer: { zh: '全国人民代表大会常务委员会', en: 'Standing Committee of the National People’s Congress' },
    docNumber: '中华人民共和国主席令第七十六号',
    inForceFrom: '1996-10-01',
    inForceUntil: '2021-07-14',
    publication: '1996-03-17 通过；中华人民共和国主席令第七十六号（第二次修正），2017-09-01',
    confidence: 'P',
  },
  {
    id: 'cn-apl-2021',
    title: { zh: '中华人民共和国行政处罚法（2021年修订）', en: 'Administrative Penalty Law (2021 revision)' },
    short: { zh: '《行政处罚法》', en: 'APL' },
    issuer: { zh: '全国人民代表大会常务委员会', en: 'Standing Committee of the National People’s Congress' },
    docNumber: '中华人民共和国主席令第七十号',
    inForceFrom: '2021-07-15',
    inForceUntil: null,
    publication: '中华人民共和国主席令第七十号，2021-01-22',
    confidence: 'P',
  },
];
