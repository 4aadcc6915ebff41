/**
 * GoTo keys are 64-bit integers and may arrive as bare JSON numbers, which `JSON.parse` rounds
 * above 2^53 (GoTo documents keys as 64-bit integers). Integer literals long enough to be at risk are turned into
 * strings in the text before parsing, so keys survive digit for digit.
 */
const AT_RISK_DIGITS = 16;

export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

function quoteLongIntegers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' || isDigit(ch)) {
      const end = endOfNumber(text, i);
      const literal = text.slice(i, end);
      out +=
        /^-?\d+$/.test(literal) && literal.replace('-', '').length >= AT_RISK_DIGITS
          ? `"${literal}"`
          : literal;
      i = end;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** Index just past the closing quote of the string starting at `start` (or the text's end). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i += 1;
  }
  return text.length;
}

function endOfNumber(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && /[0-9eE.+-]/.test(text.charAt(i))) i += 1;
  return i;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}
