const MARKS = /\p{M}+/gu;
const WORDS = /[\p{L}\p{N}]+/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * Folds text the way matching compares it: compatibility forms decomposed, lower case, diacritics removed, final
 * sigma as sigma ("Cáerdydd" → "caerdydd", "ﬁ" → "fi", "ΟΔΟΣ" → "οδοσ").
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(MARKS, '').replaceAll('ς', 'σ');
}

/** An ASCII capital lowered; any other code unit as it is. */
export function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code | 32 : code;
}

/** One step of the hash of a folded word: the matcher hashes tokens as they are scanned, and its table alike. */
export function hashStep(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) | 0;
}

/** The hash of a folded word, as scanTokens gives it for an ASCII token. */
export function wordHash(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  return hash;
}

/** Receives the tokens of a text, in order, as scanWords finds them. */
export interface TokenSink {
  /** An ASCII token: text.slice(start, end) with A–Z lowered, whose wordHash is `hash`. */
  asciiToken(text: string, start: number, end: number, hash: number): void;
  /** Any other token, folded. */
  foldedToken(word: string): void;
}

/**
 * The tokens of one text as scanTokens finds them, in order. Reused from text to text: only the first `count` belong
 * to the last text scanned. An ASCII token is text.slice(starts[i], ends[i]) with A–Z lowered, `folded[i]` is '' and
 * `hashes[i]` its wordHash; any other token is the folded word `folded[i]`, with starts[i] 0 and ends[i] its length.
 */
export class TokenList implements TokenSink {
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  hashes = new Int32Array(64);
  readonly folded: string[] = [];

  asciiToken(_text: string, start: number, end: number, hash: number): void {
    this.push(start, end, hash, '');
  }

  foldedToken(word: string): void {
    this.push(0, word.length, 0, word);
  }

  push(start: number, end: number, hash: number, folded: string): void {
    const at = this.count++;
    if (at === this.starts.length) this.grow();
    this.starts[at] = start;
    this.ends[at] = end;
    this.hashes[at] = hash;
    this.folded[at] = folded;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const widen = (from: Int32Array) => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.starts = widen(this.starts);
    this.ends = widen(this.ends);
    this.hashes = widen(this.hashes);
  }
}

const SEPARATOR = 1;
const WORD = 2;
/** Joins the characters around it into one token, and folds away (a combining mark such as an accent). */
const MARK = 3;
const kinds = new Uint8Array(0x10000);
const astralKinds = new Map<number, number>();
/** For each ASCII code: 0 for a separator, else the code lowered. */
export const ASCII = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const upper = code >= 65 && code <= 90;
  const alphanumeric = upper || (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
  kinds[code] = alphanumeric ? WORD : SEPARATOR;
  ASCII[code] = alphanumeric ? (upper ? code | 32 : code) : 0;
}

/** Whether a character separates tokens, belongs to one, or folds away; worked out once per character. */
function kindOf(code: number): number {
  const known = code < 0x10000 ? kinds[code] : astralKinds.get(code);
  if (known) return known;
  const folded = foldText(String.fromCodePoint(code));
  const kind = folded === '' ? MARK : HAS_WORD.test(folded) ? WORD : SEPARATOR;
  if (code < 0x10000) kinds[code] = kind;
  else astralKinds.set(code, kind);
  return kind;
}

/** Whether a UTF-16 unit outside the surrogates separates tokens (as an emoji's surrogates do, and which needs both). */
export function separatesTokens(code: number): boolean {
  return (kinds[code] || kindOf(code)) === SEPARATOR;
}

// Folding is costly and social media repeats itself, so the words of recent non-ASCII pieces are kept.
const foldedPieces = new Map<string, string[]>();

function foldPiece(piece: string): string[] {
  let words = foldedPieces.get(piece);
  if (!words) {
    if (foldedPieces.size >= 10_000) foldedPieces.clear();
    words = foldText(piece).match(WORDS) ?? [];
    foldedPieces.set(piece, words);
  }
  return words;
}

/** Finds the tokens of a text into a list (emptied first); see scanWords. */
export function scanTokens(text: string, tokens: TokenList): void {
  tokens.count = 0;
  scanWords(text, tokens);
}

/**
 * Finds the tokens of a text in one pass and hands each to the sink: runs of letters and digits, split at every other
 * character once folded. ASCII runs are handed over as ranges with their hash, without making a string; other runs
 * are folded first, which may split them. The tokens are the same as foldText(text).match(/[\p{L}\p{N}]+/gu).
 */
export function scanWords(text: string, sink: TokenSink): void {
  const length = text.length;
  let start = -1;
  let plain = true; // only ASCII letters and digits so far in this run
  let hash = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      const lowered = ASCII[code] ?? 0;
      if (lowered === 0) {
        if (start >= 0) emit(text, start, i, plain, hash, sink);
        start = -1;
      } else if (start < 0) {
        start = i;
        plain = true;
        hash = lowered;
      } else hash = hashStep(hash, lowered);
      continue;
    }
    let point = code;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    }
    const kind = (point < 0x10000 ? kinds[point] : 0) || kindOf(point);
    if (kind === SEPARATOR) {
      if (start >= 0) emit(text, start, i, plain, hash, sink);
      start = -1;
    } else {
      if (start < 0) start = i;
      plain = false;
    }
    if (point > 0xffff) i += 1;
  }
  if (start >= 0) emit(text, start, length, plain, hash, sink);
}

function emit(text: string, start: number, end: number, plain: boolean, hash: number, sink: TokenSink): void {
  if (plain) sink.asciiToken(text, start, end, hash);
  else for (const word of foldPiece(text.slice(start, end))) sink.foldedToken(word);
}

/**
 * Splits text into folded tokens at every character that is not a letter or a digit:
 * "Don't miss #UniversalCredit!" → ["don", "t", "miss", "universalcredit"]. Emoji and punctuation are separators.
 */
export function tokenise(text: string): string[] {
  const tokens = new TokenList();
  scanTokens(text, tokens);
  const words: string[] = [];
  for (let i = 0; i < tokens.count; i++) words.push(tokens.folded[i] || text.slice(tokens.starts[i], tokens.ends[i]).toLowerCase());
  return words;
}
