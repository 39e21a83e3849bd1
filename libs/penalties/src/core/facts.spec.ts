import { isDomainError } from '@app/common';
import { parsePenaltyFacts } from './facts';

const valid = {
  jurisdiction: 'CN',
  decisionDate: '2021-04-21',
  conduct: { from: '2019-04-01', to: '2020-12-01', continuing: false },
  firm: { name: 'Firm', annualTurnover: null, turnoverWithheld: false },
  affectedPersons: 973,
  captureEvents: 305114,
  minorsAffected: false,
  illegalGains: null,
  infringements: ['NO_CONSENT'],
  circumstances: { firstViolation: true },
  seriousness: null,
};

function problemsOf(json: unknown): string[] {
  try {
    parsePenaltyFacts(json);
  } catch (e) {
    if (isDomainError(e) && e.code === 'PENALTY.INVALID_FACTS') return e.details.problems as string[];
    throw e;
  }
  throw new Error('expected PENALTY.INVALID_FACTS');
}

describe('parsePenaltyFacts', () => {
  it('accepts the issue-4 document and normalises absent optional fields to null', () => {
    const f = parsePenaltyFacts({
      jurisdiction: 'EU',
      decisionDate: '2024-05-16',
      conduct: { from: '2020-01-01', to: '2024-05-16' },
      firm: { name: 'X' },
    });
    expect(f.rulebook).toBeNull();
    expect(f.conduct.continuing).toBeNull();
    expect(f.firm).toEqual({ name: 'X', annualTurnover: null, turnoverWithheld: null });
    expect(f.affectedPersons).toBeNull();
    expect(f.infringements).toEqual([]);
    expect(f.circumstances.cooperated).toBeNull();
    expect(f.seriousness).toBeNull();
  });

  it('keeps money as decimal strings and deduplicates infringements', () => {
    const f = parsePenaltyFacts({
      ...valid,
      illegalGains: { amount: '12345.67', currency: 'CNY' },
      infringements: ['NO_CONSENT', 'NO_CONSENT', 'NO_NOTICE'],
    });
    expect(f.illegalGains).toEqual({ amount: '12345.67', currency: 'CNY' });
    expect(f.infringements).toEqual(['NO_CONSENT', 'NO_NOTICE']);
  });

  it('rejects unknown fields at every level, naming each', () => {
    const problems = problemsOf({
      ...valid,
      extra: 1,
      conduct: { ...valid.conduct, bogus: true },
      circumstances: { remorse: true },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'extra: unknown field',
        'conduct.bogus: unknown field',
        'circumstances.remorse: unknown field',
      ]),
    );
  });

  it('names bad types, enums and codes in one error', () => {
    const problems = problemsOf({
      ...valid,
      jurisdiction: 'UK',
      affectedPersons: -3,
      captureEvents: 1.5,
      seriousness: 'extreme',
      infringements: ['NO_CONSENT', 'LOOKED_SUSPICIOUS'],
      illegalGains: { amount: 1000, currency: 'yuan' },
      circumstances: { intentional: 'yes' },
    });
    const text = problems.join('\n');
    for (const field of [
      'jurisdiction',
      'affectedPersons',
      'captureEvents',
      'seriousness',
      'infringements',
      'illegalGains.amount',
      'illegalGains.currency',
      'circumstances.intentional',
    ]) {
      expect(text).toContain(`${field}:`);
    }
  });

  it('rejects impossible and inverted dates', () => {
    expect(problemsOf({ ...valid, decisionDate: '2021-02-30' })).toEqual([
      'decisionDate: 2021-02-30 is not a calendar date',
    ]);
    expect(problemsOf({ ...valid, conduct: { from: '2021-01-01', to: '2020-01-01' } })).toEqual([
      'conduct: from is after to',
    ]);
    expect(problemsOf({ ...valid, decisionDate: '2020-06-01' })).toEqual(['conduct.to: after decisionDate']);
  });

  it('rejects a missing conduct or firm and a non-object document', () => {
    const { conduct: _c, firm: _f, ...rest } = valid;
    const problems = problemsOf(rest);
    expect(problems).toEqual(
      expect.arrayContaining(['conduct: must be an object', 'firm: must be an object']),
    );
    expect(problemsOf([1, 2])).toEqual(['(root): must be an object']);
  });

  it('puts every problem in the error message', () => {
    expect(() => parsePenaltyFacts({ ...valid, foo: 1 })).toThrow(
      'invalid facts document: foo: unknown field',
    );
  });
});
