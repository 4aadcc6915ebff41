import { describe, expect, it } from 'vitest';
import { accountKeyText, keyText } from '../../src/common/values';

describe('keyText', () => {
  it.each([
    [0, '0'],
    [12345, '12345'],
    [2 ** 53 - 1, '9007199254740991'],
  ])('takes the whole number %s as the key "%s"', (value, key) => {
    expect(keyText(value)).toBe(key);
  });

  it.each([
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['a number beyond 2^53', 2 ** 53],
  ])('refuses %s', (_, value) => {
    expect(keyText(value)).toBeUndefined();
  });
});

describe('accountKeyText', () => {
  it('takes the account key 0 given as a number, as it takes the text "0"', () => {
    expect(accountKeyText(0)).toBe('0');
    expect(accountKeyText('0')).toBe('0');
  });
});
