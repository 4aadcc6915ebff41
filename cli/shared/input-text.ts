import { readFileSync } from 'node:fs';

/**
 * The text of a file the administrator hands in (a context, settings, seed, config or CSV file).
 * Windows editors save with a byte-order mark: Notepad and PowerShell 5 put one before UTF-8, and
 * PowerShell's `>` and Excel's "Unicode text" write UTF-16. The mark says which encoding it is,
 * so each is decoded as what it is and the mark dropped; without one the file is UTF-8. Line
 * endings are left alone: JSON and the CSV reader take CRLF as they take LF.
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

function startsWith(bytes: Uint8Array, mark: number[]): boolean {
  return mark.every((byte, index) => bytes[index] === byte);
}

export function decodeInput(bytes: Uint8Array): string {
  if (startsWith(bytes, UTF8_BOM)) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, UTF16LE_BOM)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, UTF16BE_BOM)) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/** The file's text, or undefined when it cannot be read (the caller says which file and why). */
export function readInputText(path: string): string | undefined {
  try {
    return decodeInput(readFileSync(path));
  } catch {
    return undefined;
  }
}
