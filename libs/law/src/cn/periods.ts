import type { LawPeriod } from '../law.types';

/**
 * China's law periods for face capture by a business: each starts when an instrument whose consent rules or
 * penalties matter entered into force (legal-facts.md §1, addendum 2 F). Captures before the 2013 CRPL
 * amendment (no personal-information article) are judged by no consent rule at all.
 */
export const CN_LAW_PERIODS: readonly LawPeriod[] = [
  {
    id: 'cn-before-2014',
    from: '1900-01-01',
    until: '2014-03-14',
    label: {
      zh: '2014年3月15日前（消费者个人信息保护条款尚未施行）',
      en: 'Before 15 Mar 2014 (no consumer-information article in force)',
    },
    instruments: [],
    separateConsent: false,
    guardianConsent: false,
    faceOnlyAccessRule: false,
  },
  {
    id: 'cn-2014-crpl',
    from: '2014-03-15',
    until: '2015-03-14',
    label: { zh: '2014年3月15日起：《消费者权益保护法》', en: 'From 15 Mar 2014: CRPL' },
    instruments: ['cn-crpl-2013'],
    separateConsent: false,
    guardianConsent: false,
    faceOnlyAccessRule: false,
  },
  {
    id: 'cn-2015-crpl',
    from: '2015-03-15',
    until: '2021-10-31',
    label: {
      zh: '2015年3月15日至2021年10月31日：《消费者权益保护法》《侵害消费者权益行为处罚办法》',
      en: '15 Mar 2015 – 31 Oct 2021: CRPL and SAIC Order 73',
    },
    instruments: ['cn-crpl-2013', 'cn-saic-73'],
    separateConsent: false,
    guardianConsent: false,
    faceOnlyAccessRule: false,
  },
  {
    id: 'cn-2021-pipl',
    from: '2021-11-01',
    until: '2024-06-30',
    label: {
      zh: '2021年11月1日至2024年6月30日：增加《个人信息保护法》',
      en: '1 Nov 2021 – 30 Jun 2024: PIPL in force as well',
    },
    instruments: ['cn-crpl-2013', 'cn-saic-73', 'cn-pipl'],
    separateConsent: true,
    guardianConsent: true,
    faceOnlyAccessRule: false,
  },
  {
    id: 'cn-2024-crpl-regs',
    from: '2024-07-01',
    until: '2024-12-31',
    label: {
      zh: '2024年7月1日至12月31日：增加《消费者权益保护法实施条例》',
      en: '1 Jul – 31 Dec 2024: CRPL Implementing Regulations in force as well',
    },
    instruments: ['cn-crpl-2013', 'cn-saic-73', 'cn-pipl', 'cn-crpl-regs-2024'],
    separateConsent: true,
    guardianConsent: true,
    faceOnlyAccessRule: false,
  },
  {
    id: 'cn-2025-ndsmr',
    from: '2025-01-01',
    until: '2025-05-31',
    label: {
      zh: '2025年1月1日至5月31日：增加《网络数据安全管理条例》',
      en: '1 Jan – 31 May 2025: NDSMR in force as well',
    },
    instruments: ['cn-crpl-2013', 'cn-saic-73', 'cn-pipl', 'cn-crpl-regs-2024', 'cn-ndsmr'],
    separateConsent: true,
    guardianConsent: true,
    faceOnlyAccessRule: false,
  },
  {
    id: 'cn-2025-frt',
    from: '2025-06-01',
    until: null,
    label: {
      zh: '2025年6月1日起：增加《人脸识别技术应用安全管理办法》',
      en: 'From 1 Jun 2025: Face Recognition Measures in force as well',
    },
    instruments: [
      'cn-crpl-2013',
      'cn-saic-73',
      'cn-pipl',
      'cn-crpl-regs-2024',
      'cn-ndsmr',
      'cn-frt-measures-2025',
    ],
    separateConsent: true,
    guardianConsent: true,
    faceOnlyAccessRule: true,
  },
];
