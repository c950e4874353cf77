/** Welsh words that carry feeling in posts about public services, weighted from −3 (very negative) to 3. */
const BASE_WEIGHTS: Readonly<Record<string, number>> = {
  // positive
  diolch: 2, da: 2, gwych: 3, ardderchog: 3, hyfryd: 3, bendigedig: 3, arbennig: 2, ffantastig: 3, grêt: 2, gret: 2,
  hapus: 2, balch: 2, bodlon: 2, caredig: 2, cyfeillgar: 2, cefnogol: 2, defnyddiol: 2, cyflym: 1, hawdd: 1,
  llongyfarchiadau: 3, gwell: 1, gorau: 2, braf: 2, hwyl: 1, effeithlon: 2, glân: 1, diogel: 1, gwerthfawrogi: 2,
  argymell: 2, llwyddiant: 2, llwyddiannus: 2, cwrtais: 2, clên: 2, ffeind: 2, perffaith: 3, rhagorol: 3, campus: 3,
  anhygoel: 3, prydlon: 1, trefnus: 1, croesawgar: 2, gwella: 1,
  // negative
  drwg: -2, gwael: -2, ofnadwy: -3, siomedig: -2, siom: -2, annerbyniol: -3, cywilydd: -3, gwarthus: -3, trist: -2,
  blin: -2, peryglus: -2, budr: -2, brwnt: -2, araf: -1, hwyr: -1, anodd: -1, drud: -1, dryslyd: -1, anhapus: -2,
  cwyn: -1, gŵyn: -1, cwyno: -1, problem: -1, problemau: -1, methu: -1, annheg: -2, gwaeth: -2,
  gwaethaf: -3, ffiaidd: -3, rhwystredig: -2, diwerth: -2, anghwrtais: -2, anwybyddu: -2, llanast: -2, oedi: -1,
  anobeithiol: -3, twp: -2, cas: -2, erchyll: -3, poen: -1, pryder: -1, pryderus: -1,
};

/** Initial consonants and what the soft and aspirate mutations make of them ("da" → "dda", "cyflym" → "chyflym"). */
const MUTATIONS: readonly (readonly [string, readonly string[]])[] = [
  ['ll', ['l']],
  ['rh', ['r']],
  ['p', ['b', 'ph']],
  ['t', ['d', 'th']],
  ['c', ['g', 'ch']],
  ['b', ['f']],
  ['d', ['dd']],
  ['g', ['']],
  ['m', ['f']],
];

/** Mutated forms that are other common words ("cwyn" → "gwyn", white). */
const COLLISIONS: ReadonlySet<string> = new Set(['gwyn', 'na', 'ni']);

/** The forms a Welsh word takes at the start after the soft and aspirate mutations. */
export function mutatedForms(word: string): string[] {
  const rule = MUTATIONS.find(([initial]) => word.startsWith(initial));
  if (rule === undefined) return [];
  const [initial, replacements] = rule;
  return replacements
    .map((replacement) => replacement + word.slice(initial.length))
    .filter((form) => form.length > 1 && !COLLISIONS.has(form));
}

function withMutations(weights: Readonly<Record<string, number>>): Map<string, number> {
  const lexicon = new Map<string, number>();
  for (const [word, weight] of Object.entries(weights)) {
    for (const form of mutatedForms(word)) if (!(form in weights)) lexicon.set(form, weight);
  }
  for (const [word, weight] of Object.entries(weights)) lexicon.set(word, weight);
  return lexicon;
}

/** Welsh sentiment words, with their mutated forms, and weights from −3 to 3. */
export const WELSH_LEXICON: ReadonlyMap<string, number> = withMutations(BASE_WEIGHTS);

/**
 * Words that turn the feeling of the next few words around: "ddim yn dda", "dim problem", "heb help" (but not "am
 * ddim", free of charge).
 */
export const WELSH_NEGATORS: ReadonlySet<string> = new Set(['ddim', 'dim', 'nid', 'na', 'nad', 'nac', 'heb', 'byth']);

/** Words before "da"/"dda" that make a greeting of it rather than praise: "bore da", "noswaith dda". */
export const WELSH_GREETINGS: ReadonlySet<string> = new Set(['bore', 'prynhawn', 'noswaith', 'nos']);

/** Words that strengthen the sentiment word before them ("gwych iawn"). */
export const WELSH_INTENSIFIERS_AFTER: ReadonlySet<string> = new Set(['iawn']);

/** Words that strengthen the sentiment word after them ("mor dda", "rhy ddrud", "hollol warthus"). */
export const WELSH_INTENSIFIERS_BEFORE: ReadonlySet<string> = new Set(['mor', 'rhy', 'hollol', 'eithriadol', 'andros']);
