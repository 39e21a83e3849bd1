import { thrown } from './thrown.test-helper';
import { ComparisonSetBuilder } from './comparison-set';
import { allDecided, countErrors } from './error-counts';

describe('countErrors', () => {
  const set = new ComparisonSetBuilder()
    .add('ann', 'ann', 0.8) // genuine, accepted at 0.5
    .add('ann', 'ann', 0.3) // genuine, false non-match at 0.5
    .add('ann', 'ann', 0.5) // genuine, exactly at threshold: accepted
    .add('bob', 'bob', 0.9, 'reject') // genuine, device rejected despite a high score: the decision wins
    .add('bob', 'bob', NaN) // genuine, failure to acquire
    .add('ann', 'bob', 0.5) // impostor, at threshold: false match
    .add('ann', 'bob', 0.2) // impostor, rejected
    .add('bob', 'ann', 0.1, 'accept') // impostor, device accepted: false match
    .add('bob', 'ann', NaN, 'reject') // impostor with a decision but no score: completed, correct
    .add('bob', 'ann', NaN) // impostor, failure to acquire
    .build();

  it('applies the threshold rule, lets decisions override it, and sets failures to acquire aside', () => {
    const counts = countErrors(set, 0.5);
    expect(counts.genuine).toEqual({ n: 4, errors: 2, failuresToAcquire: 1 });
    expect(counts.impostor).toEqual({ n: 4, errors: 2, failuresToAcquire: 1 });
  });

  it('keeps per-probe-subject counts for the bootstrap', () => {
    const { perProbeSubject } = countErrors(set, 0.5);
    // subjects: ann = 0, bob = 1; [genuine n, genuine errors, impostor n, impostor errors]
    expect([...perProbeSubject]).toEqual([3, 1, 2, 1, 1, 1, 2, 1]);
  });

  it('needs a threshold unless every scored comparison carries a decision', () => {
    expect(allDecided(set)).toBe(false);
    expect(thrown(() => countErrors(set, null))?.code).toBe('RECOGNITION.CLAIM_NEEDS_OPERATING_POINT');
    const decided = new ComparisonSetBuilder()
      .add('a', 'a', 0.1, 'accept')
      .add('a', 'b', NaN, 'accept')
      .add('b', 'b', NaN)
      .build();
    expect(allDecided(decided)).toBe(true);
    expect(countErrors(decided, null).impostor).toEqual({ n: 1, errors: 1, failuresToAcquire: 0 });
    expect(countErrors(decided, null).genuine).toEqual({ n: 1, errors: 0, failuresToAcquire: 1 });
  });
});
