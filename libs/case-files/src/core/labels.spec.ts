import { FINDING_REASONS, PURPOSES, SITE_RULES, UNSPECIFIED_PURPOSE } from '@app/common';
import { purposeLabel, quarantineReasonLabel, reasonLabel, REASON_LABELS, SITE_RULE_LABELS } from './labels';

const HAN = /\p{Script=Han}/u;

describe('labels', () => {
  it('labels every finding reason in Chinese and English, each label distinct', () => {
    expect(Object.keys(REASON_LABELS).sort()).toEqual([...FINDING_REASONS].sort());
    for (const reason of FINDING_REASONS) {
      const label = reasonLabel(reason);
      expect(label.zh).toMatch(HAN);
      expect(label.en).toMatch(/^[A-Z][\w' ]+$/);
    }
    expect(new Set(FINDING_REASONS.map((r) => reasonLabel(r).zh)).size).toBe(FINDING_REASONS.length);
    expect(reasonLabel('NO_CONSENT')).toEqual({ zh: '未取得同意', en: 'No consent' });
  });

  it('labels every purpose and site rule', () => {
    for (const purpose of [...PURPOSES, UNSPECIFIED_PURPOSE]) expect(purposeLabel(purpose).zh).toMatch(HAN);
    for (const rule of SITE_RULES) expect(SITE_RULE_LABELS[rule].zh).toMatch(HAN);
  });

  it('shows an unknown purpose code as itself rather than hiding it', () => {
    expect(purposeLabel('queue_management')).toEqual({ zh: 'queue_management', en: 'queue_management' });
    expect(purposeLabel('toString')).toEqual({ zh: 'toString', en: 'toString' });
  });

  it('names why a record was refused in words, with a generic reason for a code it does not know', () => {
    expect(quarantineReasonLabel('INGEST.BAD_TIME', 'rejected').zh).toBe('时间无法识别');
    expect(quarantineReasonLabel('INGEST.SOMETHING_NEW', 'rejected').zh).toMatch(/^记录不符合格式要求/);
    expect(quarantineReasonLabel('INGEST.SOMETHING_NEW', 'conflict').zh).toMatch(/冲突/);
    expect(quarantineReasonLabel('toString', 'rejected').zh).toMatch(HAN);
    // Every code of libs/ingestion's QUARANTINE_REASONS has its own words.
    for (const code of [
      'INGEST.MALFORMED_LINE',
      'INGEST.MISSING_FIELD',
      'INGEST.BAD_VALUE',
      'INGEST.BAD_TIME',
      'INGEST.BAD_ENUM',
      'INGEST.OUT_OF_RANGE',
      'INGEST.UNKNOWN_DEVICE',
      'INGEST.DUPLICATE_DEVICE',
      'INGEST.TIME_ORDER',
      'INGEST.CONFLICTING_EVENT',
      'INGEST.CONFLICTING_CONSENT',
    ]) {
      expect(quarantineReasonLabel(code, 'rejected')).not.toEqual(
        quarantineReasonLabel('INGEST.NEW', 'rejected'),
      );
    }
  });
});
