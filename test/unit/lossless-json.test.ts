import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../src/common/lossless-json';

describe('parseJsonLossless', () => {
  it('keeps a 19-digit key digit for digit, as a string', () => {
    expect(parseJsonLossless('{"key":9223372036854770001}')).toEqual({
      key: '9223372036854770001',
    });
  });

  it('turns every integer of 16 digits or more into a string, negative ones too', () => {
    expect(parseJsonLossless('[1234567890123456, -1234567890123456, 123456789012345]')).toEqual([
      '1234567890123456',
      '-1234567890123456',
      123456789012345,
    ]);
  });

  it('keeps a 16-digit key just above 2^53, which JSON.parse would round', () => {
    // 2^53 + 1: the first integer a double cannot hold.
    expect(parseJsonLossless('{"key":9007199254740993}')).toEqual({ key: '9007199254740993' });
  });

  it('leaves decimals, exponents and small numbers as numbers', () => {
    expect(parseJsonLossless('[1.5, 2e3, -7, 0]')).toEqual([1.5, 2000, -7, 0]);
  });

  it('counts digits, not the sign: a negative 15-digit integer stays a number', () => {
    expect(parseJsonLossless('[-123456789012345]')).toEqual([-123456789012345]);
  });

  it('leaves long decimals and exponents as numbers: only integers are keys', () => {
    const text = '[1234567890.123456, 12345678901234567e2]';
    expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
  });

  it('reads a long fraction below 1 as JSON.parse does', () => {
    const text = '{"share":0.12345678901234567890,"key":7843266547734050054}';
    expect(parseJsonLossless(text)).toEqual({
      share: JSON.parse(text).share,
      key: '7843266547734050054',
    });
  });

  it('reads names holding escaped quotes next to a key', () => {
    const text = '{"firstName":"Jo \\"JJ\\" 12345678901234567","key":7843266547734050054}';
    expect(parseJsonLossless(text)).toEqual({
      firstName: 'Jo "JJ" 12345678901234567',
      key: '7843266547734050054',
    });
  });

  it('never touches digits inside strings, escaped quotes included', () => {
    const text = '{"a":"12345678901234567890","b":"say \\"12345678901234567890\\""}';
    expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
  });

  it('rejects malformed text as JSON.parse does', () => {
    expect(() => parseJsonLossless('{"id":')).toThrow(SyntaxError);
  });
});
