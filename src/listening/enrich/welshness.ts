/**
 * Spellings that are common in Welsh words and rare in English ones: dd, word-initial ll/rh/ff, w or y between
 * consonants ("cwm", "twll", "hyn"), y before a consonant at the start ("yn", "ysgol"), wy/yw/ae, the nasal-mutated
 * ngh/mh/nh, plural -au, and the circumflexed vowels.
 */
const WELSH_SPELLINGS: readonly RegExp[] = [
  /dd/u,
  /^(?:ll|rh|ff)/u,
  /[bcdfghlmnprst][wy][bcdfglmnprst]/u,
  /^y[bcdfglmnprst]/u,
  /wy|yw|ae/u,
  /ngh|^mh|^nh/u,
  /au$/u,
  /[ŵŷâêîôû]/u,
];

/**
 * Spellings that are common in English words and (nearly) absent from Welsh: the letters Welsh does not use (j, k, q,
 * v, x, z), -ing/-ed/-tion endings, sh, wh, gh (not the Welsh ngh), and the vowel pairs ee, oo, ou, ea.
 */
const ENGLISH_SPELLINGS: readonly RegExp[] = [
  /[jkqvxz]/u,
  /ing$|ed$|tion$/u,
  /sh|wh|(?<!n)gh/u,
  /ee|oo|ou|ea/u,
];

function hits(word: string, spellings: readonly RegExp[]): number {
  let count = 0;
  for (const spelling of spellings) if (spelling.test(word)) count += 1;
  return count;
}

/**
 * How Welsh the spelling of some lower-case words looks, from −1 (every word spelt the English way) to 1 (every word
 * spelt the Welsh way); a word with no telling spelling, or as much of each, counts as 0.
 */
export function welshness(words: readonly string[]): number {
  if (words.length === 0) return 0;
  let total = 0;
  for (const word of words) total += Math.sign(hits(word, WELSH_SPELLINGS) - hits(word, ENGLISH_SPELLINGS));
  return total / words.length;
}
