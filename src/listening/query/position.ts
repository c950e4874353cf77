const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
// Characters that never join with their neighbours into one visible character: printable ASCII and Latin-1 letters.
const SIMPLE = /^[\u0020-\u007e\u00a0-\u02ff]*$/;

/** How many characters a person sees in the text (an emoji with modifiers counts once). */
export function characterCount(text: string): number {
  return SIMPLE.test(text) ? text.length : Array.from(graphemes.segment(text)).length;
}

/** The UTF-16 offset where the character numbered `count` (from 0) starts, or the text's length. */
export function offsetOfCharacter(text: string, count: number): number {
  let seen = 0;
  for (const { index } of graphemes.segment(text)) {
    if (seen === count) return index;
    seen += 1;
  }
  return text.length;
}

/** Line and column (both from 1, counting characters as a person sees them) of an offset in the text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: characterCount(before.slice(lineStart)) + 1 };
}

/** "column 12", or "line 2, column 3" when the text has several lines. */
export function describePosition(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return text.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
}
