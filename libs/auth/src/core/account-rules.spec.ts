import { accountProblems, passwordProblems, type AccountShape } from './account-rules';

const NINGBO_FIRM = '91330201MA2GT0AB16';

const shape = (over: Partial<AccountShape>): AccountShape => ({
  username: 'wang.wu',
  roles: ['inspector'],
  regionCode: '3302',
  firmCreditCode: null,
  certificateNumber: '33020019001',
  ...over,
});

describe('account rules', () => {
  it.each<[string, Partial<AccountShape>]>([
    ['an inspector with region and certificate', {}],
    ['an inspector who is also head', { roles: ['inspector', 'head'] }],
    ['a legal reviewer without certificate', { roles: ['legal_reviewer'], certificateNumber: null }],
    ['a bureau-wide admin', { roles: ['admin'], regionCode: null, certificateNumber: null }],
    ['a regional admin', { roles: ['admin'], certificateNumber: null }],
    ['a bureau-wide observer', { roles: ['observer'], regionCode: null, certificateNumber: null }],
    ['an admin who also observes', { roles: ['admin', 'observer'], certificateNumber: null }],
    [
      'a firm account',
      { roles: ['firm'], regionCode: null, certificateNumber: null, firmCreditCode: NINGBO_FIRM },
    ],
  ])('accepts %s', (_, over) => {
    expect(accountProblems(shape(over))).toEqual([]);
  });

  it.each<[string, Partial<AccountShape>, RegExp]>([
    ['no role', { roles: [] }, /at least one role/],
    ['an unknown role', { roles: ['sheriff'] }, /unknown sheriff/],
    ['a role twice', { roles: ['head', 'head'] }, /twice/],
    ['an inspector without certificate', { certificateNumber: null }, /certificate number/],
    ['an inspector without region', { regionCode: null }, /need a region/],
    [
      'a head without region',
      { roles: ['head'], regionCode: null, certificateNumber: null },
      /need a region/,
    ],
    [
      'a firm with another role',
      { roles: ['firm', 'observer'], regionCode: null, certificateNumber: null, firmCreditCode: NINGBO_FIRM },
      /no other role/,
    ],
    [
      'a firm without credit code',
      { roles: ['firm'], regionCode: null, certificateNumber: null },
      /needs its credit code/,
    ],
    [
      'a firm with a bad credit code',
      { roles: ['firm'], regionCode: null, certificateNumber: null, firmCreditCode: '91330201MA2GT0AB17' },
      /not a valid unified social credit code/,
    ],
    [
      'a firm with a region',
      { roles: ['firm'], certificateNumber: null, firmCreditCode: NINGBO_FIRM },
      /scoped by its credit code/,
    ],
    ['an officer with a firm code', { firmCreditCode: NINGBO_FIRM }, /only a firm account/],
    ['an admin who handles cases', { roles: ['admin', 'inspector'] }, /admin cannot be combined/],
    ['an observer with a certificate', { roles: ['observer'] }, /only inspectors, legal reviewers and heads/],
    ['a region that is no division prefix', { regionCode: '330' }, /2, 4 or 6 digits/],
    ['an upper-case username', { username: 'Wang' }, /username/],
  ])('refuses %s', (_, over, problem) => {
    expect(accountProblems(shape(over)).join('; ')).toMatch(problem);
  });
});

describe('password rules', () => {
  it('wants 12 characters (counted as characters, not bytes) and not the username', () => {
    expect(passwordProblems('correct horse', 'wang.wu')).toEqual([]);
    expect(passwordProblems('short', 'wang.wu').join()).toMatch(/at least 12/);
    expect(passwordProblems('市场监督管理局执法人员证件', 'wang.wu')).toEqual([]);
    expect(passwordProblems('my-WANG.WU-password', 'wang.wu').join()).toMatch(/username/);
  });
});
