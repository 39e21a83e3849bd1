import { validateFirmProfile } from './firm-profile';

const VALID_CODE = '91350100M000100Y43';

describe('validateFirmProfile', () => {
  it('accepts a firm and defaults its time zone to Asia/Shanghai', () => {
    expect(
      validateFirmProfile({ name: ' Ningbo Realty ', creditCode: VALID_CODE, region: 'Ningbo' }),
    ).toEqual({
      ok: true,
      value: { name: 'Ningbo Realty', creditCode: VALID_CODE, region: 'Ningbo', timezone: 'Asia/Shanghai' },
    });
  });

  it('keeps an explicit IANA zone', () => {
    const r = validateFirmProfile({
      name: 'F',
      creditCode: VALID_CODE,
      region: 'R',
      timezone: 'Europe/Amsterdam',
    });
    expect(r.ok && r.value.timezone).toBe('Europe/Amsterdam');
  });

  it('rejects a credit code whose check character is wrong, and a bad time zone, listing both', () => {
    const r = validateFirmProfile({
      name: 'F',
      creditCode: '91350100M000100Y44',
      region: 'R',
      timezone: 'GMT+8',
    });
    expect(r).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ code: 'INGEST.BAD_VALUE', field: 'creditCode' }),
        expect.objectContaining({ code: 'INGEST.BAD_VALUE', field: 'timezone' }),
      ],
    });
  });

  it('lists every missing field at once', () => {
    const r = validateFirmProfile({ creditCode: 18 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => [p.code, p.field])).toEqual([
        ['INGEST.MISSING_FIELD', 'name'],
        ['INGEST.BAD_VALUE', 'creditCode'],
        ['INGEST.MISSING_FIELD', 'region'],
      ]);
    }
  });
});
