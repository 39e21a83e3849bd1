import { findingDifference } from './finding-difference';

describe('findingDifference', () => {
  it('counts everything as new before a first audit', () => {
    expect(
      findingDifference(null, {
        byReason: { NO_CONSENT: 2, CONSENT_EXPIRED: 0 },
        siteFindings: [{ rule: 'FACE_ONLY_ACCESS' }],
      }),
    ).toEqual({ byReason: { NO_CONSENT: 2, 'site:FACE_ONLY_ACCESS': 1 }, total: 3 });
  });

  it('keeps only the reasons that grew, and a fall does not offset a rise', () => {
    expect(
      findingDifference(
        { byReason: { NO_CONSENT: 5, CONSENT_WITHDRAWN: 3 }, siteFindings: [] },
        { byReason: { NO_CONSENT: 1, CONSENT_WITHDRAWN: 7, CONSENT_EXPIRED: 2 }, siteFindings: [] },
      ),
    ).toEqual({ byReason: { CONSENT_EXPIRED: 2, CONSENT_WITHDRAWN: 4 }, total: 6 });
  });

  it('finds nothing new when the counts are the same', () => {
    const same = { byReason: { NO_CONSENT: 4 }, siteFindings: [{ rule: 'FACE_ONLY_ACCESS' }] };
    expect(findingDifference(same, same)).toEqual({ byReason: {}, total: 0 });
  });
});
