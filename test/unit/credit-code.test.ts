import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from '~/functions/lib/credit-code';

describe('统一社会信用代码', () => {
  it('computes the check character of a published example code', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // Worked by hand: sum of value×weight over the 17 characters of 91420100MA4K00001 is 1213; 31 - 1213 % 31 = 27 → 'U'.
    expect(creditCodeCheckChar('91420100MA4K00001')).toBe('U');
  });

  it('accepts a published valid code and its lower-case form', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
  });

  it('refuses a wrong check character, wrong length and letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false);
    expect(creditCodeCheckChar('9135010OM000100Y4')).toBeNull();
  });
});
