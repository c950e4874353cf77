/** Links, email addresses and @handles (fediverse @user@host too) say nothing of a post's language. */
const NOT_PROSE = /\bhttps?:\/\/\S+|\bwww\.\S+|[^\s@]+@[^\s@]+\.\S+|@[\w.-]+(?:@[\w.-]+)?/giu;

/** A run of letters (with combining marks), possibly joined by apostrophes: "mae'r", "can't", "aujourd'hui". */
const WORD = /[\p{L}\p{M}]+(?:'[\p{L}\p{M}]+)*/gu;

const CURLY_APOSTROPHES = /[\u2018\u2019\u02BC]/gu;

/**
 * The words of a post, in order and as written: links, email addresses, @handles, digits, emoji and punctuation
 * dropped; curly apostrophes made straight and kept inside words; a hashtag gives its word. Computed once per mention
 * and shared by the language identifier and the Welsh sentiment lexicon.
 */
export function wordsOf(text: string): string[] {
  const prose = text.replace(CURLY_APOSTROPHES, "'").replace(NOT_PROSE, ' ');
  return prose.match(WORD) ?? [];
}

const CAPITAL = /^\p{Lu}/u;

/** Whether a word past the first is capitalised, as names of places, people and services are ("Llanelli", "DWP"). */
export function looksLikeName(word: string, index: number): boolean {
  return index > 0 && word.length > 1 && CAPITAL.test(word);
}
