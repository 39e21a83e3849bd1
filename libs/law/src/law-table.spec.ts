import { FINDING_REASONS, SITE_RULES } from '@app/common';
import { DateTime } from 'luxon';
import { aplArticle, appealArticles } from './cn/apl-articles';
import { CN_ARTICLES } from './cn/articles';
import { CN_INSTRUMENTS } from './cn/instruments';
import { CN_LAW_PERIODS } from './cn/periods';
import { APL_TOPICS } from './law.types';
import { consentLawSchedule, instrument, lawPeriodOf, legalBasisFor, requirementFor } from './law-table';

const CODES = [...FINDING_REASONS, ...SITE_RULES];

describe('the Chinese law table', () => {
  it('has contiguous periods from the first to today, each starting when an instrument it lists starts', () => {
    for (let i = 1; i < CN_LAW_PERIODS.length; i++) {
      const prev = CN_LAW_PERIODS[i - 1];
      const next = CN_LAW_PERIODS[i];
      const dayAfter = DateTime.fromISO(prev.until!).plus({ days: 1 }).toISODate();
      expect(dayAfter).toBe(next.from);
      const starts = next.instruments.map((id) => instrument(id).inForceFrom);
      expect(starts).toContain(next.from);
      for (const id of next.instruments) expect(instrument(id).inForceFrom <= next.from).toBe(true);
    }
    expect(CN_LAW_PERIODS.at(-1)!.until).toBeNull();
  });

  it('never cites a civil-only instrument or an instrument not yet in force as a requirement', () => {
    for (const p of CN_LAW_PERIODS) {
      for (const code of CODES) {
        const r = requirementFor(code, p.from);
        for (const a of r?.articles ?? []) {
          const inst = instrument(a.instrument);
          expect(inst.civilOnly).not.toBe(true);
          expect(inst.inForceFrom <= p.from).toBe(true);
        }
      }
    }
  });

  it('makes separate consent and guardian consent requirements only from 2021-11-01 (PIPL art. 74)', () => {
    expect(requirementFor('NOT_SEPARATE_CONSENT', '2021-10-31')).toBeNull();
    expect(requirementFor('MINOR_WITHOUT_GUARDIAN_CONSENT', '2021-10-31')).toBeNull();
    const separate = requirementFor('NOT_SEPARATE_CONSENT', '2021-11-01')!;
    expect(separate.articles.map((a) => a.label.en)).toEqual(['PIPL art. 28', 'PIPL art. 29']);
    expect(
      requirementFor('MINOR_WITHOUT_GUARDIAN_CONSENT', '2021-11-01')!.articles.map((a) => a.label.en),
    ).toEqual(['PIPL art. 28', 'PIPL art. 31']);
    // Later instruments add their articles only once they are in force.
    expect(requirementFor('NOT_SEPARATE_CONSENT', '2025-01-01')!.articles.map((a) => a.label.en)).toContain(
      'NDSMR art. 22(2)',
    );
    expect(
      requirementFor('NOT_SEPARATE_CONSENT', '2025-05-31')!.articles.map((a) => a.label.en),
    ).not.toContain('Face Recognition Measures art. 6');
  });

  it('judges consent before the PIPL by CRPL art. 29(1) alone (with SAIC Order 73 from 2015-03-15)', () => {
    const before = requirementFor('NO_CONSENT', '2020-06-01')!;
    expect(before.articles.map((a) => a.label.en)).toEqual(['CRPL art. 29(1)', 'SAIC Order 73 art. 11']);
    expect(requirementFor('NO_CONSENT', '2014-06-01')!.articles.map((a) => a.label.en)).toEqual([
      'CRPL art. 29(1)',
    ]);
    expect(requirementFor('NO_CONSENT', '2014-03-14')).toBeNull();
    expect(requirementFor('NO_EXPRESS_CONSENT', '2020-06-01')!.articles[0].label.zh).toBe(
      '《消费者权益保护法》第二十九条第一款',
    );
  });

  it('makes face-only access a breach only under the 2025 Measures', () => {
    expect(requirementFor('FACE_ONLY_ACCESS', '2025-05-31')).toBeNull();
    const r = requirementFor('FACE_ONLY_ACCESS', '2025-06-01')!;
    expect(r.articles.map((a) => a.article)).toEqual(['10']);
    expect(r.note?.zh).toContain('民事');
  });

  it('cites the APL article of the version in force on the date', () => {
    expect(aplArticle('oneActOneFine', '2021-04-21')!.label).toEqual({
      zh: '《行政处罚法》（2017年修正）第二十四条',
      en: 'APL (2017) art. 24',
    });
    expect(aplArticle('oneActOneFine', '2021-07-15')!.label.en).toBe('APL art. 29');
    expect(aplArticle('limitation', '2021-07-14')!.label.en).toBe('APL (2017) art. 29');
    expect(aplArticle('limitation', '2022-01-01')!.label.en).toBe('APL art. 36');
    expect(aplArticle('lawInForce', '2021-04-21')).toBeNull();
    for (const t of APL_TOPICS) expect(aplArticle(t, '2026-01-01')).not.toBeNull();
  });

  it('gives the detection core the instants the periods start, at midnight Beijing time', () => {
    const s = consentLawSchedule();
    const pipl = s.periods.find((p) => p.id === 'cn-2021-pipl')!;
    expect(new Date(pipl.fromMs).toISOString()).toBe('2021-10-31T16:00:00.000Z');
    expect(pipl).toMatchObject({ separateConsent: true, guardianConsent: true, faceOnlyAccessRule: false });
    expect(s.periods[0]).toMatchObject({ consentRequired: false });
    expect(s.guardianConsentAge).toBe(14);
    expect(lawPeriodOf('2021-10-31').id).toBe('cn-2015-crpl');
    expect(lawPeriodOf('2021-11-01').id).toBe('cn-2021-pipl');
  });

  it('lists the legal basis per period with findings, with no PIPL article for conduct before it', () => {
    const basis = legalBasisFor([
      { period: 'cn-2015-crpl', reasons: ['NO_CONSENT', 'NO_EXPRESS_CONSENT'] },
      { period: 'cn-2021-pipl', reasons: ['NO_CONSENT', 'NOT_SEPARATE_CONSENT'] },
    ]);
    expect(basis.map((b) => b.period.id)).toEqual(['cn-2015-crpl', 'cn-2021-pipl']);
    const before = basis[0].articles.map((a) => a.label.en);
    expect(before).toEqual([
      'CRPL art. 29(1)',
      'SAIC Order 73 art. 11',
      'CRPL art. 14',
      'CRPL art. 56(1)(9)',
      'SAIC Order 73 art. 14',
    ]);
    const after = basis[1].articles.map((a) => a.label.en);
    expect(after).toEqual(
      expect.arrayContaining(['PIPL art. 29', 'PIPL art. 66', 'CRPL art. 56(1)(9)', 'CRPL art. 29(1)']),
    );
    expect(basis.every((b) => b.notBreaches.length === 0)).toBe(true);
  });

  it('has bilingual, non-empty texts and a known instrument for every article', () => {
    for (const a of Object.values(CN_ARTICLES)) {
      expect(CN_INSTRUMENTS.some((i) => i.id === a.instrument)).toBe(true);
      for (const t of [a.label, a.text]) {
        expect(t.zh.length).toBeGreaterThan(0);
        expect(t.en.length).toBeGreaterThan(0);
      }
    }
    for (const i of CN_INSTRUMENTS) expect(i.publication).not.toMatch(/https?:/);
  });

  it('cites the appeal articles in force on the decision date (ARL art. 9 until 2023, art. 20 from 2024)', () => {
    expect(appealArticles('2023-12-31').reconsideration.label.zh).toBe('《中华人民共和国行政复议法》第九条');
    expect(appealArticles('2024-01-01').reconsideration.label.zh).toBe(
      '《中华人民共和国行政复议法》第二十条',
    );
    expect(appealArticles('2022-10-01').litigation!.label.en).toBe(
      'Administrative Litigation Law of the PRC, art. 46',
    );
    expect(appealArticles('2015-04-30').litigation).toBeNull();
    expect(aplArticle('noSuspension', '2021-07-14')!.label.en).toBe('APL (2017) art. 45');
    expect(aplArticle('noSuspension', '2021-07-15')!.label.en).toBe('APL art. 73');
    for (const id of ['cn-arl-2017', 'cn-arl-2023', 'cn-all-2017'])
      expect(instrument(id).publication).not.toMatch(/https?:/);
  });
});
