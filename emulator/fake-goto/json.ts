/**
 * JSON in and out of the fake, with 64-bit keys kept exact (GoTo may write them as bare JSON numbers).
 *
 * Out: with `numericKeys`, the key fields (`key`, and the elements of `licenseKeys` and
 * `userKeys`) are written as bare numbers with all their digits, as GoTo's guide example shows.
 * JSON.stringify cannot do that for values above 2^53 − 1, so the text is built here.
 *
 * In: request bodies may carry license keys as bare numbers (one client does); JSON.parse would
 * round them, so integers that are not safe are read as their digit strings.
 */

const KEY_DIGITS = /^(?:0|[1-9]\d*)$/;
const KEY_LIST_FIELDS = new Set(['licenseKeys', 'userKeys']);

export function toJson(value: unknown, numericKeys: boolean): string {
  return write(value, numericKeys, false);
}

function write(value: unknown, numericKeys: boolean, bare: boolean): string {
  if (bare && typeof value === 'string' && KEY_DIGITS.test(value)) return value;
  if (Array.isArray(value)) {
    return `[${value.map((item) => write(item, numericKeys, bare)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => {
        const keyField = numericKeys && (name === 'key' || KEY_LIST_FIELDS.has(name));
        return `${JSON.stringify(name)}:${write(v, numericKeys, keyField)}`;
      });
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** JSON.parse, except that integers beyond 2^53 − 1 become strings of their exact digits. */
export function parseJson(text: string): unknown {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '"') {
      i += 1;
      while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
      i += 1;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      const token = match ? match[0] : c;
      if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(copied, i)}"${token}"`;
        copied = i + token.length;
      }
      i += token.length;
      continue;
    }
    i += 1;
  }
  return JSON.parse(out + text.slice(copied));
}
