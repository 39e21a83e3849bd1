import { coversCase, handlerRefusal, hostRefusal, type CasePerson } from './case-people';

const person = (over: Partial<CasePerson> = {}): CasePerson => ({
  id: '7',
  roles: ['inspector'],
  regionCode: '3302',
  certificateNumber: '33020001',
  disabled: false,
  ...over,
});

describe('who may be named in a case', () => {
  it("covers the case's division from the officer's region prefix, never without a region", () => {
    expect(coversCase({ regionCode: '33' }, '330201')).toBe(true);
    expect(coversCase({ regionCode: '3302' }, '330201')).toBe(true);
    expect(coversCase({ regionCode: '330201' }, '330201')).toBe(true);
    expect(coversCase({ regionCode: '330206' }, '330201')).toBe(false);
    expect(coversCase({ regionCode: '3301' }, '330201')).toBe(false);
    expect(coversCase({ regionCode: null }, '330201')).toBe(false);
    expect(coversCase({ regionCode: '' }, '330201')).toBe(false);
  });

  it('takes as handler only an enabled, certified inspector of the region', () => {
    expect(handlerRefusal(person(), '330201')).toBeNull();
    expect(handlerRefusal(person({ roles: ['inspector', 'head'] }), '330201')).toBeNull();
    expect(handlerRefusal(undefined, '330201')).toBe('is not an enabled inspector');
    expect(handlerRefusal(person({ disabled: true }), '330201')).toBe('is not an enabled inspector');
    expect(handlerRefusal(person({ roles: ['head'] }), '330201')).toBe('is not an enabled inspector');
    expect(handlerRefusal(person({ roles: ['legal_reviewer'] }), '330201')).toBe(
      'is not an enabled inspector',
    );
    expect(handlerRefusal(person({ certificateNumber: null }), '330201')).toBe(
      'holds no enforcement certificate number',
    );
    expect(handlerRefusal(person({ certificateNumber: '  ' }), '330201')).toBe(
      'holds no enforcement certificate number',
    );
    expect(handlerRefusal(person({ regionCode: '4401' }), '330201')).toBe(
      "is not an officer of the case's region",
    );
  });

  it('takes as hearing host an enabled officer of the region, certified or not', () => {
    for (const roles of [['head'], ['legal_reviewer'], ['inspector']]) {
      expect(hostRefusal(person({ roles, certificateNumber: null }), '330201')).toBeNull();
    }
    for (const roles of [['observer'], ['admin'], ['firm']]) {
      expect(hostRefusal(person({ roles }), '330201')).toBe('is not an enabled officer');
    }
    expect(hostRefusal(undefined, '330201')).toBe('is not an enabled officer');
    expect(hostRefusal(person({ roles: ['head'], disabled: true }), '330201')).toBe(
      'is not an enabled officer',
    );
    expect(hostRefusal(person({ roles: ['head'], regionCode: '4401' }), '330201')).toBe(
      "is not an officer of the case's region",
    );
  });
});
