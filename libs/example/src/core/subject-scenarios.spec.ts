import { exampleLaw } from '../generate-inspection';
import { Prng } from './prng';
import { buildScenario, scenarioCounts, SCENARIO_KINDS } from './subject-scenarios';

describe('scenarioCounts', () => {
  it('splits subjects exactly, every kind present when there is room', () => {
    for (const n of [1, 5, 14, 15, 100, 973, 10_000]) {
      const counts = scenarioCounts(n);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(n);
      if (n >= SCENARIO_KINDS.length) {
        for (const k of SCENARIO_KINDS) expect([k, counts[k] >= 1]).toEqual([k, true]);
      }
    }
    expect(scenarioCounts(973).none).toBeGreaterThan(scenarioCounts(973).valid);
  });
});

describe('buildScenario', () => {
  // A window across the PIPL's entry into force (2021-11-01, Beijing time), so law anchors are inside.
  const law = exampleLaw();
  const ctx = {
    rng: new Prng(1),
    zone: 'Asia/Shanghai',
    start: Date.UTC(2021, 2, 31, 16),
    end: Date.UTC(2022, 11, 31, 16),
    law,
  };

  it('changes verdict exactly at each anchor, which lies inside the window', () => {
    for (const kind of SCENARIO_KINDS) {
      const s = buildScenario(kind, 'FL1', 'visitor', 'SO1', ctx);
      for (const a of s.anchors) {
        expect(a).toBeGreaterThan(ctx.start);
        expect(a).toBeLessThan(ctx.end);
        expect([
          kind,
          s.expect(a - 1000, 'visitor_identification') !== s.expect(a, 'visitor_identification'),
        ]).toEqual([kind, true]);
      }
    }
  });

  it('keeps consent times in order (given before withdrawal and expiry)', () => {
    for (let i = 0; i < 50; i++) {
      for (const kind of SCENARIO_KINDS) {
        for (const c of buildScenario(kind, 'FL1', i % 2 ? 'resident' : 'visitor', 'RE1', ctx).consents) {
          if (c.withdrawnAt !== null) expect(c.withdrawnAt).toBeGreaterThan(c.givenAt);
          if (c.expiresAt !== null) expect(c.expiresAt).toBeGreaterThan(c.givenAt);
        }
      }
    }
  });

  it('gives unspecified captures no cover and strangers to none', () => {
    expect(buildScenario('valid', 'FL1', 'visitor', 'SO1', ctx).expect(ctx.start, 'unspecified')).toBe(
      'PURPOSE_NOT_COVERED',
    );
    expect(
      buildScenario('none', 'FL1', 'visitor', 'SO1', ctx).expect(ctx.start, 'visitor_identification'),
    ).toBe('NO_CONSENT');
  });

  it('follows the law at the capture: verbal consent and under-14s are findings only from the PIPL', () => {
    const pipl = law.separateConsentFrom;
    const verbal = buildScenario('verbal', 'FL1', 'visitor', 'SO1', ctx);
    expect(verbal.anchors).toEqual([pipl]);
    expect(verbal.expect(pipl - 1000, 'visitor_identification')).toBeNull();
    expect(verbal.expect(pipl, 'visitor_identification')).toBe('NOT_SEPARATE_CONSENT');
    const notice = buildScenario('notice_only', 'FL1', 'visitor', 'SO1', ctx);
    expect(notice.expect(pipl - 1000, 'visitor_identification')).toBe('NO_EXPRESS_CONSENT');
    expect(notice.expect(pipl, 'visitor_identification')).toBe('NO_EXPRESS_CONSENT');
  });
});
