import { creditCodeCheckChar, isValidCreditCode } from './credit-code';

describe('unified social credit code', () => {
  it('accepts codes whose check character is right', () => {
    // Published example codes of GB 32100-2015.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    const body = '91330200MA2H000X0';
    expect(isValidCreditCode(body + creditCodeCheckChar(body)!)).toBe(true);
  });

  it('rejects a wrong check character, a wrong length or a forbidden letter', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M0001O0Y43')).toBe(false);
    expect(isValidCreditCode('91350100m000100Y43')).toBe(false);
  });
});
