import { analyseReturningVisitors } from './returning-visitors';
import { thrown } from './thrown.test-helper';

const unit = (dims: number, axis: number, wobble = 0): Float32Array => {
  const v = new Float32Array(dims);
  v[axis] = 1;
  v[dims - 1] = wobble;
  return v;
};

describe('analyseReturningVisitors', () => {
  // Device ids: v1 covers two real people (A twice, B once); v2 is C; v3 is A again (device split A).
  const snapshots = [
    { visitorId: 'v1', ref: 'e1.jpg' },
    { visitorId: 'v1', ref: 'e2.jpg' },
    { visitorId: 'v1', ref: 'e3.jpg' },
    { visitorId: 'v2', ref: 'e4.jpg' },
    { visitorId: 'v3', ref: 'e5.jpg' },
    { visitorId: 'v2', ref: 'e6.jpg' },
  ];
  const A = 0;
  const B = 1;
  const C = 2;
  const embeddings = [unit(5, A, 0.1), unit(5, A, -0.1), unit(5, B), unit(5, C), unit(5, A, 0.05), null];

  it('re-scores the pairs the device declared the same visitor', () => {
    const r = analyseReturningVisitors(snapshots, embeddings, { threshold: 0.8 });
    // v1 pairs: (e1,e2) same person, (e1,e3) and (e2,e3) different → 2 of 3 below threshold.
    expect(r.declaredSamePairs).toMatchObject({ n: 3, errors: 2, rate: 2 / 3 });
    // v2 pair (e4, e6) cannot be scored: e6 has no face.
    expect(r.unscoredPairs).toBe(1);
    expect(r.failuresToAcquire).toEqual(['e6.jpg']);
  });

  it('counts distinct people by linking faces across device ids', () => {
    const r = analyseReturningVisitors(snapshots, embeddings, { threshold: 0.8 });
    expect(r.declaredVisitors).toBe(3);
    expect(r.estimate).toEqual({ threshold: 0.8, people: 3 });
    expect(r.splitVisitors).toEqual([{ visitorId: 'v1', snapshots: 3, people: 2 }]);
  });

  it('gives fewer people at a lenient threshold and more at a strict one', () => {
    const r = analyseReturningVisitors(snapshots, embeddings, { threshold: 0.8, range: [-0.5, 0.999] });
    expect(r.range?.lenient.people).toBe(1);
    // At 0.999 the three captures of A no longer link (their wobble differs): A counts three times.
    expect(r.range?.strict.people).toBe(5);
  });

  it('refuses a threshold outside its range', () => {
    expect(
      thrown(() => analyseReturningVisitors(snapshots, embeddings, { threshold: 0.9, range: [0.5, 0.8] }))
        ?.code,
    ).toBe('RECOGNITION.BAD_ARGUMENT');
  });
});
