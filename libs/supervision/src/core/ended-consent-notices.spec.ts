import { endedConsentNotices, endedConsentOf } from './ended-consent-notices';

const at = (iso: string) => Date.parse(iso);

describe('endedConsentNotices', () => {
  it('makes one notice per consent and month in the firm time zone', () => {
    const withdrawn = { consentId: 7, ended: 'withdrawn' as const, endedAt: at('2025-01-10T00:00:00Z') };
    expect(
      endedConsentNotices(
        [
          { ...withdrawn, occurredAt: at('2025-01-31T17:00:00Z') }, // 1 Feb 01:00 in Shanghai
          { ...withdrawn, occurredAt: at('2025-01-20T02:00:00Z') },
          { ...withdrawn, occurredAt: at('2025-01-25T02:00:00Z') },
        ],
        'Asia/Shanghai',
      ),
    ).toEqual([
      {
        consentId: 7,
        period: '2025-01',
        ended: 'withdrawn',
        endedAt: withdrawn.endedAt,
        captures: 2,
        firstAt: at('2025-01-20T02:00:00Z'),
        lastAt: at('2025-01-25T02:00:00Z'),
      },
      {
        consentId: 7,
        period: '2025-02',
        ended: 'withdrawn',
        endedAt: withdrawn.endedAt,
        captures: 1,
        firstAt: at('2025-01-31T17:00:00Z'),
        lastAt: at('2025-01-31T17:00:00Z'),
      },
    ]);
  });
});

describe('endedConsentOf', () => {
  const consents = new Map([
    [1, { withdrawnAt: at('2025-01-01T00:00:00Z'), expiresAt: null }],
    [2, { withdrawnAt: at('2025-03-01T00:00:00Z'), expiresAt: null }],
    [3, { withdrawnAt: null, expiresAt: at('2025-02-01T00:00:00Z') }],
  ]);

  it('blames the decisive consent that ended last before the capture', () => {
    expect(endedConsentOf(consents, [1, 2], 'CONSENT_WITHDRAWN', at('2025-04-01T00:00:00Z'))).toEqual({
      consentId: 2,
      ended: 'withdrawn',
      endedAt: at('2025-03-01T00:00:00Z'),
    });
    expect(endedConsentOf(consents, [1, 2], 'CONSENT_WITHDRAWN', at('2025-02-01T00:00:00Z'))).toEqual({
      consentId: 1,
      ended: 'withdrawn',
      endedAt: at('2025-01-01T00:00:00Z'),
    });
    expect(endedConsentOf(consents, [3], 'CONSENT_EXPIRED', at('2025-02-02T00:00:00Z'))).toEqual({
      consentId: 3,
      ended: 'expired',
      endedAt: at('2025-02-01T00:00:00Z'),
    });
  });

  it('blames none when no decisive consent had ended by then', () => {
    expect(endedConsentOf(consents, [2], 'CONSENT_WITHDRAWN', at('2025-02-01T00:00:00Z'))).toBeNull();
    expect(endedConsentOf(consents, [9], 'CONSENT_EXPIRED', at('2025-02-01T00:00:00Z'))).toBeNull();
  });
});
