import { thrown } from './thrown.test-helper';
import { parseClaim } from './claim';

describe('parseClaim', () => {
  it('reads an FNMR-at-FMR claim document with its condition', () => {
    const claim = parseClaim({ metric: 'FNMR', max: 0.01, atFMR: 0.0001, condition: 'masked-probe' });
    expect(claim).toMatchObject({ metric: 'FNMR', max: 0.01, atFMR: 0.0001, condition: 'masked-probe' });
    expect(claim.translation).toBe(
      'FNMR ≤ 1 % at a threshold giving FMR ≤ 0.01 % under condition "masked-probe".',
    );
    expect(claim.statement).toBe('{"metric":"FNMR","max":0.01,"atFMR":0.0001,"condition":"masked-probe"}');
  });

  it('records the vendor and device a claim document names, in its statement, and refuses an empty one', () => {
    const claim = parseClaim({ metric: 'FMR', max: 0.01, vendor: 'Acme', device: 'Gate X1' });
    expect(claim.statement).toBe('{"metric":"FMR","max":0.01,"vendor":"Acme","device":"Gate X1"}');
    expect(thrown(() => parseClaim({ metric: 'FMR', max: 0.01, vendor: ' ' }))).toMatchObject({
      code: 'RECOGNITION.BAD_CLAIM',
    });
  });

  it('reads an FMR claim document (metric case-insensitive)', () => {
    expect(parseClaim({ metric: 'fmr', max: 0.0001 })).toMatchObject({
      metric: 'FMR',
      max: 0.0001,
      atFMR: null,
      condition: null,
    });
  });

  it.each([
    ['accuracy ≥ 99.5 %', 0.005],
    ['Accuracy >= 99.5%', 0.005],
    ['recognition rate of at least 99.7 %', 0.003],
    ['识别率不低于99.9%', 0.001],
    ['accuracy: 0.995', 0.005],
    ['accuracy 99.5', 0.005],
  ])('translates the plain statement %p into FNMR and FMR each ≤ %p, saying so', (statement, max) => {
    const claim = parseClaim(statement);
    expect(claim).toMatchObject({ metric: 'ACCURACY', max, atFMR: null, statement });
    expect(claim.translation).toContain('FNMR ≤');
    expect(claim.translation).toContain('FMR ≤');
    expect(claim.translation).toContain('depends on their mix');
  });

  it('reads "FRR x at FAR y" as FNMR at a calibrated FMR', () => {
    expect(parseClaim('FRR < 1% at FAR 0.01%')).toMatchObject({ metric: 'FNMR', max: 0.01, atFMR: 0.0001 });
    expect(parseClaim('误识率≤0.001%')).toMatchObject({ metric: 'FMR', max: 0.00001 });
    expect(parseClaim('false reject rate below 3 %')).toMatchObject({
      metric: 'FNMR',
      max: 0.03,
      atFMR: null,
    });
  });

  it.each([
    [{ metric: 'EER', max: 0.01 }, 'metric'],
    [{ metric: 'FNMR', max: 1.5 }, 'max'],
    [{ metric: 'FNMR', max: 0 }, 'max'],
    [{ metric: 'FNMR', max: '1%' }, 'max'],
    [{ metric: 'FMR', max: 0.01, atFMR: 0.001 }, 'atFMR'],
    [{ metric: 'FNMR', max: 0.01, threshold: 0.4 }, 'unknown'],
    [{ metric: 'FNMR', max: 0.01, condition: '' }, 'condition'],
    ['very accurate', 'no measurable rate'],
    ['', 'empty'],
    [42, 'JSON object'],
    ['accuracy 100 %', 'strictly between'],
  ])('rejects %p', (input, message) => {
    expect(thrown(() => parseClaim(input))?.message).toContain(message);
    expect(thrown(() => parseClaim(input))?.code).toBe('RECOGNITION.BAD_CLAIM');
  });
});
