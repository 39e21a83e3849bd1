import { parseClaim } from './claim';
import { DatasetImage, readManifestRecords } from './dataset-manifest';
import { ImageEmbeddings, evaluateDataset, formPairs } from './dataset-evaluation';
import { thrown } from './thrown.test-helper';

/** `subjects` × `perSubject` images; label "group" alternates A/B by subject. */
function images(
  subjects: number,
  perSubject: number,
  masked: (s: number, k: number) => boolean = () => false,
): DatasetImage[] {
  const list: DatasetImage[] = [];
  for (let s = 0; s < subjects; s++) {
    for (let k = 0; k < perSubject; k++) {
      list.push({
        path: `s${s}/${k}.jpg`,
        subjectId: `s${s}`,
        masked: masked(s, k),
        capturedAt: null,
        labels: { group: s % 2 === 0 ? 'A' : 'B' },
        line: list.length + 2,
      });
    }
  }
  return list;
}

/**
 * Deterministic embeddings: subject s points along axis s; each image adds a small offset along a shared
 * axis. Masked embeddings are pulled towards a common "mask" direction, as masks make faces look alike.
 */
function embeddings(list: DatasetImage[], dims: number, maskPull: number): ImageEmbeddings[] {
  return list.map((image, index) => {
    const s = Number(image.subjectId.slice(1));
    const v = new Float32Array(dims);
    v[s] = 1;
    v[dims - 1] = ((index % 7) - 3) * 0.05;
    const m = Float32Array.from(v, (x, d) => (1 - maskPull) * x + (d === dims - 2 ? maskPull * 3 : 0));
    return { unmasked: image.masked ? null : v, masked: m };
  });
}

describe('formPairs', () => {
  const johns = images(5, 11);

  it('forms the pair counts of the dlib johns set (5 × 11) under each condition', () => {
    const count = (condition: 'unmasked' | 'masked-probe' | 'both-masked') => {
      const p = formPairs(johns, condition, { maxImpostorPairs: 1e9, seed: 1 });
      let genuine = 0;
      for (let k = 0; k < p.probe.length; k++)
        if (johns[p.probe[k]].subjectId === johns[p.reference[k]].subjectId) genuine++;
      return [genuine, p.probe.length - genuine];
    };
    expect(count('unmasked')).toEqual([275, 1210]);
    expect(count('masked-probe')).toEqual([550, 2420]);
    expect(count('both-masked')).toEqual([275, 1210]);
  });

  it('samples impostor pairs reproducibly when they exceed the cap, keeping every genuine pair', () => {
    const a = formPairs(johns, 'unmasked', { maxImpostorPairs: 300, seed: 7 });
    const b = formPairs(johns, 'unmasked', { maxImpostorPairs: 300, seed: 7 });
    expect(a).toEqual(b);
    expect(a.impostorsSampled).toBe(true);
    const impostors = a.probe.length - 275;
    expect(impostors).toBeGreaterThan(240);
    expect(impostors).toBeLessThan(360);
    expect(formPairs(johns, 'unmasked', { maxImpostorPairs: 300, seed: 8 })).not.toEqual(a);
  });

  it('uses real masked captures only as masked images', () => {
    const list = images(2, 2, (s, k) => s === 0 && k === 1);
    const p = formPairs(list, 'unmasked', { maxImpostorPairs: 1e9, seed: 1 });
    expect([...p.probe, ...p.reference]).not.toContain(1);
    const mp = formPairs(list, 'masked-probe', { maxImpostorPairs: 1e9, seed: 1 });
    expect([...mp.reference]).not.toContain(1);
    expect([...mp.probe]).toContain(1);
  });
});

describe('evaluateDataset', () => {
  const list = images(6, 4);
  const emb = embeddings(list, 10, 0.8);

  it('separates unmasked subjects perfectly and loses accuracy under masks at the unmasked threshold', () => {
    const result = evaluateDataset(list, emb);
    expect(result.operatingPoint).toMatchObject({ source: 'eer', calibratedOn: 'unmasked' });
    const [unmasked, maskedProbe, bothMasked] = result.conditions;
    expect(unmasked.condition).toBe('unmasked');
    expect(unmasked.report.eer).toBe(0);
    expect(unmasked.report.genuine).toMatchObject({ n: 36, errors: 0 });
    expect(maskedProbe.report.genuine.n).toBe(72);
    expect(maskedProbe.report.threshold).toBe(unmasked.report.threshold);
    // Masks pull every face towards one direction: impostors under both masks look alike.
    expect(bothMasked.report.impostor.errors).toBeGreaterThan(0);
    expect(result.verdict).toBeNull();
  });

  it('reports each label value separately with same-stratum pairs only', () => {
    const result = evaluateDataset(list, emb);
    const a = result.strata.filter(
      (s) => s.column === 'group' && s.value === 'A' && s.condition === 'unmasked',
    );
    expect(a).toHaveLength(1);
    // 3 subjects × C(4,2) genuine; C(12,2) − 18 impostor pairs within group A.
    expect(a[0].genuine.n).toBe(18);
    expect(a[0].impostor.n).toBe(66 - 18);
  });

  it('counts images without a face as failures to acquire', () => {
    const missing = emb.map((e, i) => (i === 0 ? { unmasked: null, masked: null } : e));
    const [unmasked] = evaluateDataset(list, missing, { threshold: 0.5 }).conditions;
    expect(unmasked.report.failuresToAcquire).toEqual({ genuine: 3, impostor: 20 });
  });

  it('calibrates on unmasked impostors and judges the claim in its condition (NIST mask protocol)', () => {
    const claim = parseClaim({ metric: 'FNMR', max: 0.05, atFMR: 0.01, condition: 'both-masked' });
    const result = evaluateDataset(list, emb, { claim });
    expect(result.operatingPoint).toMatchObject({
      source: 'calibrated',
      calibratedOn: 'unmasked',
      atFMR: 0.01,
    });
    expect(result.claimCondition).toBe('both-masked');
    // 240 unmasked impostor pairs cannot vouch for FMR ≤ 1 % (299 needed).
    expect(result.verdict).toMatchObject({ result: 'INCONCLUSIVE', comparisonsNeeded: { impostor: 299 } });
    expect(result.conditions[2].report.verdict).toEqual(result.verdict);
    expect(result.conditions[0].report.verdict).toBeNull();
  });

  it('refuses a claim about a condition it does not run', () => {
    const claim = parseClaim({ metric: 'FNMR', max: 0.05, atFMR: 0.01, condition: 'sunglasses' });
    expect(thrown(() => evaluateDataset(list, emb, { claim }))?.code).toBe('RECOGNITION.BAD_CLAIM');
  });
});

describe('readManifestRecords', () => {
  it('reads required columns, booleans, times and label columns', () => {
    const result = readManifestRecords([
      ['path', 'subjectId', 'masked', 'capturedAt', 'sex', 'ageBand'],
      ['a/1.jpg', 'a', 'false', '2026-03-01T09:30:00+08:00', 'F', '30-39'],
      ['a/2.jpg', 'a', 'TRUE', '', '', '30-39'],
    ]);
    expect(result).toEqual([
      {
        path: 'a/1.jpg',
        subjectId: 'a',
        masked: false,
        capturedAt: Date.UTC(2026, 2, 1, 1, 30),
        labels: { sex: 'F', ageBand: '30-39' },
        line: 2,
      },
      {
        path: 'a/2.jpg',
        subjectId: 'a',
        masked: true,
        capturedAt: null,
        labels: { ageBand: '30-39' },
        line: 3,
      },
    ]);
  });

  it.each([
    [[['path', 'subjectId', 'masked']], 'capturedAt'],
    [
      [
        ['path', 'subjectId', 'masked', 'capturedAt'],
        ['x.jpg', 'a', 'maybe', ''],
      ],
      'line 2: masked',
    ],
    [
      [
        ['path', 'subjectId', 'masked', 'capturedAt'],
        ['x.jpg', 'a', 'no', 'yesterday'],
      ],
      'line 2: capturedAt',
    ],
    [
      [
        ['path', 'subjectId', 'masked', 'capturedAt'],
        ['x.jpg', '', 'no', ''],
      ],
      'line 2: path and subjectId',
    ],
    [
      [
        ['path', 'subjectId', 'masked', 'capturedAt'],
        ['x.jpg', 'a', 'no', ''],
        ['x.jpg', 'b', 'no', ''],
      ],
      'listed twice',
    ],
    [[['path', 'subjectId', 'masked', 'capturedAt']], 'no images'],
  ])('refuses %j', (records, message) => {
    const error = thrown(() => readManifestRecords(records));
    expect(error?.code).toBe('RECOGNITION.BAD_MANIFEST');
    expect(error?.message).toContain(message);
  });
});
