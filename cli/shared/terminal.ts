/** Colour only where a person is watching, and never when NO_COLOR is set (no-color.org). */
const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

const paint = (code: number) => (text: string) =>
  useColour ? `\u001b[${code}m${text}\u001b[0m` : text;

export const green = paint(32);
export const red = paint(31);
export const dim = paint(2);
export const bold = paint(1);
export const yellow = paint(33);

/** Pads by visible width, so coloured cells line up. */
export function table(header: string[], rows: string[][]): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colour escapes
  const visible = (text: string) => text.replace(/\u001b\[\d+m/g, '').length;
  const widths = header.map((title, column) =>
    Math.max(visible(title), ...rows.map((row) => visible(row[column] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - visible(cell)))
      .join('  ')
      .trimEnd();
  return [
    bold(line(header)),
    dim(widths.map((w) => '─'.repeat(w)).join('  ')),
    ...rows.map(line),
  ].join('\n');
}
