import { factsFromAudit } from './facts-from-audit';

describe('factsFromAudit', () => {
  const input = {
    jurisdiction: 'CN' as const,
    decisionDate: '2021-04-21',
    firmName: 'Ningbo-like developer',
    conductFrom: '2019-04-01',
    conductTo: '2020-12-01',
    affectedSubjects: 973,
    capturesWithoutValidConsent: 305114,
    byReason: { NO_CONSENT: 300000, NOT_SEPARATE_CONSENT: 5114, CONSENT_EXPIRED: 0 },
    siteRules: ['FACE_ONLY_ACCESS' as const],
  };

  it('carries counts, dates and the reasons that occurred; leaves the rest unknown', () => {
    const f = factsFromAudit(input);
    expect(f).toMatchObject({
      affectedPersons: 973,
      captureEvents: 305114,
      infringements: ['NO_CONSENT', 'NOT_SEPARATE_CONSENT', 'FACE_ONLY_ACCESS'],
      minorsAffected: null,
      illegalGains: null,
      seriousness: null,
    });
    expect(f.circumstances.intentional).toBeNull();
    expect(f.firm.annualTurnover).toBeNull();
  });

  it('marks minors affected only when the audit found a minor without guardian consent', () => {
    expect(factsFromAudit({ ...input, byReason: { MINOR_WITHOUT_GUARDIAN_CONSENT: 3 } }).minorsAffected).toBe(
      true,
    );
  });

  it('carries the discovery and filing dates and a minors fact the caller knows; a finding still wins', () => {
    const f = factsFromAudit({
      ...input,
      discoveryDate: '2020-12-10',
      filingDate: '2020-12-20',
      minorsAffected: false,
    });
    expect([f.discoveryDate, f.filingDate, f.minorsAffected]).toEqual(['2020-12-10', '2020-12-20', false]);
    expect(
      factsFromAudit({ ...input, minorsAffected: false, byReason: { MINOR_WITHOUT_GUARDIAN_CONSENT: 1 } })
        .minorsAffected,
    ).toBe(true);
    expect(factsFromAudit(input)).toMatchObject({ discoveryDate: null, filingDate: null });
    expect(() => factsFromAudit({ ...input, discoveryDate: '2021-05-01' })).toThrow(
      /discoveryDate: after decisionDate/,
    );
  });

  it('validates like a hand-written document', () => {
    expect(() => factsFromAudit({ ...input, conductTo: '2022-01-01' })).toThrow(
      /conduct.to: after decisionDate/,
    );
  });
});
