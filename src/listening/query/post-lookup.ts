import type { FieldName } from './ast.js';
import type { Candidates } from './candidates.js';
import type { PostFields } from './post.js';
import { ASCII, hashStep, lowerAscii, scanWords, separatesTokens, type TokenSink } from './tokenise.js';
import { rangeStartsWith, startKey, type Slot, type Vocabulary } from './vocabulary.js';

/**
 * Looks a post up in the vocabulary as its text is scanned, token by token, with no list of tokens in between: marks
 * the slots the post holds (with positions where tests need them) and adds the watches indexed under them to the
 * candidates. The tokens are those of scanWords, which it hands the rare stretches of non-ASCII letters to.
 */
export class PostLookup implements TokenSink {
  /** The number of tokens looked up so far in the post; each token's position. */
  tokenCount = 0;
  /** Whether any watch has a prefix: only then is each token's start looked up. */
  private withStems = false;

  constructor(
    private readonly vocabulary: Vocabulary<number>,
    private readonly candidates: Candidates,
    /** By position, the word slot of each token (undefined for a word no watch uses); reused from post to post. */
    readonly slotAt: (Slot<number> | undefined)[],
  ) {}

  /** Starts a post; the candidates are to have begun it. */
  begin(): void {
    this.tokenCount = 0;
    this.withStems = this.vocabulary.starts.size > 0;
  }

  /** Looks up the tokens of a text. */
  scan(text: string): void {
    const words = this.vocabulary.words;
    const length = text.length;
    const withStems = this.withStems;
    let start = -1; // where the current run of ASCII letters and digits began, or -1 between runs
    let hash = 0;
    // The last three characters, lowered, ten bits each: once a token is three long, its startKey (all are below 1024).
    let lastThree = 0;
    let firstThree = 0;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128) {
        const surrogate = code >= 0xd800 && code <= 0xdfff;
        if (surrogate || !separatesTokens(code)) {
          // A non-ASCII letter or mark, or half of a pair: scanWords reads the stretch up to the next ASCII separator.
          const from = start >= 0 ? start : i;
          let to = i + 1;
          while (to < length && (text.charCodeAt(to) >= 128 || ASCII[text.charCodeAt(to)] !== 0)) to += 1;
          scanWords(text.slice(from, to), this);
          i = to - 1;
        } else if (start >= 0) this.asciiRun(words.getRange(text, start, i, hash), text, start, i, firstThree, withStems);
        start = -1;
        continue;
      }
      const lowered = ASCII[code] ?? 0;
      if (lowered === 0) {
        if (start >= 0) this.asciiRun(words.getRange(text, start, i, hash), text, start, i, firstThree, withStems);
        start = -1;
        continue;
      }
      if (start < 0) {
        start = i;
        hash = lowered;
      } else hash = hashStep(hash, lowered);
      lastThree = ((lastThree << 10) | lowered) & 0x3fffffff;
      if (i === start + 2) firstThree = lastThree;
    }
    if (start >= 0) this.asciiRun(words.getRange(text, start, length, hash), text, start, length, firstThree, withStems);
  }

  /** An ASCII token found by scan, with its word's slot and, when it is three or more long, its start key. */
  private asciiRun(slot: Slot<number> | undefined, text: string, start: number, end: number, firstThree: number, withStems: boolean): void {
    const position = this.word(slot);
    if (withStems && end - start >= 3) this.seeStart(firstThree, text, start, end, position);
  }

  asciiToken(text: string, start: number, end: number, hash: number): void {
    this.token(this.vocabulary.words.getRange(text, start, end, hash), text, start, end);
  }

  foldedToken(word: string): void {
    this.token(this.vocabulary.words.get(word), word, 0, word.length);
  }

  /** A token, source.slice(start, end) with A–Z lowered: its word, the pair it ends and the stems it begins with. */
  private token(slot: Slot<number> | undefined, source: string, start: number, end: number): void {
    const position = this.word(slot);
    if (this.withStems && end - start >= 3) {
      const key = startKey(lowerAscii(source.charCodeAt(start)), lowerAscii(source.charCodeAt(start + 1)), lowerAscii(source.charCodeAt(start + 2)));
      this.seeStart(key, source, start, end, position);
    }
  }

  /** The next token's word, and the pair it ends; returns the token's position. */
  private word(slot: Slot<number> | undefined): number {
    const position = this.tokenCount++;
    this.slotAt[position] = slot;
    if (slot) {
      this.see(slot, position);
      const pair = position > 0 ? this.slotAt[position - 1]?.pairs?.get(slot) : undefined;
      if (pair) this.see(pair, position);
    }
    return position;
  }

  /** The stems a token, source.slice(start, end) with A–Z lowered, begins with; `key` is the startKey of its start. */
  private seeStart(key: number | string, source: string, start: number, end: number, position: number): void {
    const starting = this.vocabulary.start(key);
    if (!starting) return;
    this.see(starting, position);
    // Every word start is held by some prefix test, which needs positions, so `see` has just counted this one.
    const at = starting.count - 1;
    starting.tokenTexts[at] = source;
    starting.tokenStarts[at] = start;
    starting.tokenEnds[at] = end;
    for (const group of starting.stems) {
      if (!rangeStartsWith(source, start, end, group.stem)) continue;
      group.stats.hits += 1;
      this.candidates.add(group.watches);
    }
  }

  /** Marks a slot as seen in this post, noting the position when a test needs it; its watches become candidates. */
  private see(slot: Slot<number>, position: number): void {
    const { seen } = this.vocabulary;
    const post = this.candidates.post;
    if (seen[slot.id] !== post) {
      seen[slot.id] = post;
      slot.count = 0;
      slot.hits += 1;
      if (slot.listed > 0) this.candidates.add(slot.watches);
    }
    if (slot.positional > 0) slot.positions[slot.count++] = position;
  }

  /** Looks up the post's fields. */
  seeFields(fields: PostFields): void {
    if (fields.author !== undefined) this.seeHandle('author', fields.author);
    if (fields.lang !== undefined) this.seeField('lang', fields.lang);
    if (fields.source !== undefined) this.seeField('source', fields.source);
    for (const host of fields.hosts) {
      // A host answers to itself and every parent domain: www.gov.uk → www.gov.uk, gov.uk, uk.
      this.seeField('site', host);
      for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) this.seeField('site', host.slice(dot + 1));
    }
    for (const tag of fields.hashtags) this.seeField('hashtag', tag);
    for (const handle of fields.mentions) this.seeHandle('mention', handle);
  }

  /** A handle answers to itself and, for user@instance, to the user name alone. */
  private seeHandle(field: 'author' | 'mention', handle: string): void {
    if (this.vocabulary.fieldSlots(field).size === 0) return;
    this.seeField(field, handle);
    const at = handle.indexOf('@');
    if (at > 0) this.seeField(field, handle.slice(0, at));
  }

  private seeField(field: FieldName, value: string): void {
    const slots = this.vocabulary.fieldSlots(field);
    if (slots.size === 0) return;
    const slot = slots.get(value);
    if (slot) this.see(slot, 0);
  }
}
