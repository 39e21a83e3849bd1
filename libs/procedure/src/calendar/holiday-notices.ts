import type { LegalConfidence } from '@app/law';

/** A holiday span as a notice states it (first and last day off, inclusive). */
export interface HolidaySpan {
  name: string;
  from: string;
  to: string;
}

/**
 * One year's official arrangement of public holidays and make-up working days (放假调休), as the General Office of
 * the State Council announced it. `publication` is the original notice; where a later notice changed the year
 * (2020: the Spring Festival extended for the epidemic) it is listed in `amendedBy` and the spans are the final ones.
 */
export interface HolidayNotice {
  year: number;
  title: string;
  docNumber: string;
  /** The date the notice was signed (YYYY-MM-DD). */
  issued: string;
  amendedBy: readonly { docNumber: string; issued: string; title: string }[];
  spans: readonly HolidaySpan[];
  /** Weekend days declared working days (调休上班). */
  makeUpWorkingDays: readonly string[];
  /** How sure the document number and date are (the spans were read in the notice text in every year). */
  confidence: LegalConfidence;
  /** Where the text was read (reprints of the Xinhua/gov.cn release; cited here for verification, never printed). */
  verifiedIn: string;
}

/**
 * The pinned verification table: every notice for 2020–2026, written out by hand from the notice texts. The
 * working-day calendar takes its days from the `chinese-days` package and its coverage and sources from this
 * table; holiday-notices.spec.ts fails when the two disagree, so a package update cannot change a deadline silently.
 */
export const HOLIDAY_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2020,
    title: '国务院办公厅关于2020年部分节假日安排的通知',
    docNumber: '国办发明电〔2019〕16号',
    issued: '2019-11-21',
    amendedBy: [
      {
        docNumber: '国办发明电〔2020〕1号',
        issued: '2020-01-26',
        title: '国务院办公厅关于延长2020年春节假期的通知',
      },
    ],
    spans: [
      { name: '元旦', from: '2020-01-01', to: '2020-01-01' },
      // Originally 01-24..01-30 with 02-01 (Saturday) worked; extended to 02-02 by 国办发明电〔2020〕1号, which
      // also made 02-01 a day off.
      { name: '春节', from: '2020-01-24', to: '2020-02-02' },
      { name: '清明节', from: '2020-04-04', to: '2020-04-06' },
      { name: '劳动节', from: '2020-05-01', to: '2020-05-05' },
      { name: '端午节', from: '2020-06-25', to: '2020-06-27' },
      { name: '国庆节、中秋节', from: '2020-10-01', to: '2020-10-08' },
    ],
    makeUpWorkingDays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
    confidence: 'S',
    verifiedIn:
      'notice text reprinted from the 2019-11-21 Xinhua release; extension notice reprinted from gov.cn',
  },
  {
    year: 2021,
    title: '国务院办公厅关于2021年部分节假日安排的通知',
    docNumber: '国办发明电〔2020〕27号',
    issued: '2020-11-25',
    amendedBy: [],
    spans: [
      { name: '元旦', from: '2021-01-01', to: '2021-01-03' },
      { name: '春节', from: '2021-02-11', to: '2021-02-17' },
      { name: '清明节', from: '2021-04-03', to: '2021-04-05' },
      { name: '劳动节', from: '2021-05-01', to: '2021-05-05' },
      { name: '端午节', from: '2021-06-12', to: '2021-06-14' },
      { name: '中秋节', from: '2021-09-19', to: '2021-09-21' },
      { name: '国庆节', from: '2021-10-01', to: '2021-10-07' },
    ],
    makeUpWorkingDays: [
      '2021-02-07',
      '2021-02-20',
      '2021-04-25',
      '2021-05-08',
      '2021-09-18',
      '2021-09-26',
      '2021-10-09',
    ],
    confidence: 'S',
    verifiedIn: 'notice text with its number reprinted from gov.cn (人民日报 2020-11-26)',
  },
  {
    year: 2022,
    title: '国务院办公厅关于2022年部分节假日安排的通知',
    docNumber: '国办发明电〔2021〕11号',
    issued: '2021-10-25',
    amendedBy: [],
    spans: [
      { name: '元旦', from: '2022-01-01', to: '2022-01-03' },
      { name: '春节', from: '2022-01-31', to: '2022-02-06' },
      { name: '清明节', from: '2022-04-03', to: '2022-04-05' },
      { name: '劳动节', from: '2022-04-30', to: '2022-05-04' },
      { name: '端午节', from: '2022-06-03', to: '2022-06-05' },
      { name: '中秋节', from: '2022-09-10', to: '2022-09-12' },
      { name: '国庆节', from: '2022-10-01', to: '2022-10-07' },
    ],
    makeUpWorkingDays: [
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ],
    confidence: 'P',
    verifiedIn: 'beijing.gov.cn policy library (发文字号 国办发明电〔2021〕11号, 成文日期 2021-10-25)',
  },
  {
    year: 2023,
    title: '国务院办公厅关于2023年部分节假日安排的通知',
    docNumber: '国办发明电〔2022〕16号',
    issued: '2022-12-08',
    amendedBy: [],
    spans: [
      // Begins in the previous calendar year: 2022-12-31 is a day off under the 2023 notice.
      { name: '元旦', from: '2022-12-31', to: '2023-01-02' },
      { name: '春节', from: '2023-01-21', to: '2023-01-27' },
      { name: '清明节', from: '2023-04-05', to: '2023-04-05' },
      { name: '劳动节', from: '2023-04-29', to: '2023-05-03' },
      { name: '端午节', from: '2023-06-22', to: '2023-06-24' },
      { name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06' },
    ],
    makeUpWorkingDays: [
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ],
    confidence: 'P',
    verifiedIn: '国务院公报 2023年第1号 (as transcribed by Wikisource); MEE reprint',
  },
  {
    year: 2024,
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    docNumber: '国办发明电〔2023〕7号',
    issued: '2023-10-25',
    amendedBy: [],
    spans: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01' },
      { name: '春节', from: '2024-02-10', to: '2024-02-17' },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10' },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
    ],
    makeUpWorkingDays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
    confidence: 'P',
    verifiedIn: '国务院公报 2023年第31号 (as transcribed by Wikisource); 人民日报 2023-10-26 第6版',
  },
  {
    year: 2025,
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    docNumber: '国办发明电〔2024〕12号',
    issued: '2024-11-12',
    amendedBy: [],
    spans: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkingDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    confidence: 'S',
    verifiedIn: 'Xinhua release of 2024-11-12 (光明网); the number from reprints of the notice',
  },
  {
    year: 2026,
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    docNumber: '国办发明电〔2025〕7号',
    issued: '2025-11-04',
    amendedBy: [],
    spans: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    confidence: 'S',
    verifiedIn:
      'Xinhua release of 2025-11-04 (光明网, 中山日报 2025-11-05); the number only from secondary listings',
  },
];

/** The first and last day the pinned calendar covers (the first and last covered year, whole). */
export const CALENDAR_COVERAGE = {
  from: `${HOLIDAY_NOTICES[0].year}-01-01`,
  until: `${HOLIDAY_NOTICES[HOLIDAY_NOTICES.length - 1].year}-12-31`,
} as const;
