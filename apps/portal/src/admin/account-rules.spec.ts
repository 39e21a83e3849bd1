import { accountRuleKeys } from './account-rules';

describe('the account rules the admin form checks before sending', () => {
  it('accepts an inspector with a region and a certificate, and a bureau-wide admin', () => {
    expect(
      accountRuleKeys({
        username: 'li.si',
        roles: ['inspector'],
        regionCode: '3302',
        certificateNumber: '33020019001',
      }),
    ).toEqual({});
    expect(accountRuleKeys({ username: 'root', roles: ['admin'] })).toEqual({});
  });

  it('refuses an admin who also holds a case role, as the server does', () => {
    expect(accountRuleKeys({ username: 'x1', roles: ['admin', 'head'], regionCode: '3302' })).toEqual({
      roles: 'adminCase',
    });
  });

  it('asks an inspector for a region and a certificate, and a firm for its credit code alone', () => {
    expect(accountRuleKeys({ username: 'x1', roles: ['inspector'] })).toEqual({
      regionCode: 'regionNeeded',
      certificateNumber: 'certNeeded',
    });
    expect(accountRuleKeys({ username: 'f1', roles: ['firm', 'observer'] })).toEqual({
      roles: 'firmAlone',
      firmCreditCode: 'firmNeeded',
    });
    expect(
      accountRuleKeys({
        username: 'f1',
        roles: ['firm'],
        firmCreditCode: '91330201MA2GT00012',
        regionCode: '3302',
      }),
    ).toEqual({ regionCode: 'regionFirm' });
  });

  it('checks the formats: username, region prefix, credit code characters, certificate only for officers', () => {
    expect(
      accountRuleKeys({
        username: 'Li Si',
        roles: ['observer'],
        regionCode: '330',
        certificateNumber: '1',
      }),
    ).toEqual({ username: 'username', regionCode: 'regionFormat', certificateNumber: 'certRoles' });
    expect(
      accountRuleKeys({ username: 'f1', roles: ['firm'], firmCreditCode: '91330201MA2GT0001O' }),
    ).toEqual({
      firmCreditCode: 'firmFormat',
    });
  });
});
