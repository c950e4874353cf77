import { z } from 'zod';
import { identifyLanguage } from '../../listening/enrich/language.js';
import { LANGUAGES_OF_WORD } from '../../listening/enrich/language-words.js';
import type { Draft, Span, Word } from './draft.js';
import { compiledPer, compilePhrases, findPhrases, inflections, termSchema, type PhraseIndex, type Term } from './phrases.js';
import type { DraftContext, Finding, Rule } from './rule.js';

/** Words to avoid and the plain words to use instead. */
export interface PlainAlternative {
  terms: Term[];
  instead: string;
}

/** The plain-English rule's section of the policy file. */
export interface PlainEnglishPolicy {
  /** Drafts with a higher reading age (years) are flagged. */
  maxReadingAge: number;
  /** Drafts shorter than this many words are too short to measure a reading age. */
  minWordsForReadingAge: number;
  maxSentenceWords: number;
  avoid: PlainAlternative[];
}

const policySchema: z.ZodType<PlainEnglishPolicy> = z.object({
  maxReadingAge: z.number().min(5).max(25),
  minWordsForReadingAge: z.number().int().min(1),
  maxSentenceWords: z.number().int().min(5),
  avoid: z.array(z.object({ terms: z.array(termSchema).min(1), instead: z.string().trim().min(1) })),
});

const KEY_NOUNS = [
  'issue', 'issues', 'priority', 'priorities', 'point', 'points', 'information', 'role', 'part', 'area', 'areas',
  'change', 'changes', 'factor', 'factors', 'objective', 'objectives', 'aim', 'aims', 'message', 'messages',
  'findings', 'step', 'steps', 'theme', 'themes', 'principle', 'principles', 'partner', 'partners', 'stakeholders',
  'challenge', 'challenges', 'facts', 'details', 'requirements', 'milestones', 'outcomes', 'deliverables',
  'decisions', 'questions', 'features', 'tasks', 'services', 'service', 'driver', 'drivers', 'focus',
];

const ABSTRACT_OBJECTS = [
  'services', 'service', 'outcomes', 'improvement', 'improvements', 'change', 'changes', 'savings', 'value', 'results',
  'benefits', 'growth', 'efficiencies', 'efficiency', 'innovation', 'performance', 'progress', 'priorities',
  'better', 'the plan', 'the strategy', 'the vision', 'the programme', 'the agenda', 'on',
];

const DRIVE_OBJECTS = [
  'change', 'improvement', 'improvements', 'growth', 'innovation', 'efficiency', 'efficiencies', 'performance',
  'progress', 'value', 'forward', 'up standards', 'up quality', 'down costs', 'down demand', 'the agenda',
];

/** Our own list, after the GOV.UK style guide's advice on words to avoid; each with a plainer way to say it. */
const avoid: PlainAlternative[] = [
  { terms: ['utilise', 'utilises', 'utilised', 'utilising', 'utilize', 'utilizes', 'utilized', 'utilizing', 'utilisation'], instead: 'use' },
  { terms: ['facilitate', 'facilitates', 'facilitated', 'facilitating'], instead: 'help, or make possible' },
  { terms: ['in order to'], instead: 'to' },
  { terms: ['commence', 'commences', 'commenced', 'commencing'], instead: 'start' },
  { terms: ['going forward', 'moving forward'], instead: 'from now on, or in future' },
  { terms: ['leverage', 'leverages', 'leveraged', 'leveraging'], instead: 'use, or influence' },
  {
    terms: [
      { phrase: 'deliver', onlyBefore: ABSTRACT_OBJECTS },
      { phrase: 'delivers', onlyBefore: ABSTRACT_OBJECTS },
      { phrase: 'delivering', onlyBefore: ABSTRACT_OBJECTS },
      { phrase: 'delivered', onlyBefore: ABSTRACT_OBJECTS },
    ],
    instead: 'say what you will actually do: provide, make, carry out',
  },
  { terms: ['robust'], instead: 'strong, or thorough' },
  { terms: ['streamline', 'streamlines', 'streamlined', 'streamlining'], instead: 'simplify, or make quicker' },
  { terms: [{ phrase: 'key', onlyBefore: KEY_NOUNS }], instead: 'important, or main (or leave it out)' },
  {
    terms: [
      { phrase: 'drive', onlyBefore: DRIVE_OBJECTS },
      { phrase: 'drives', onlyBefore: DRIVE_OBJECTS },
      { phrase: 'driving', onlyBefore: DRIVE_OBJECTS },
    ],
    instead: 'say what you are doing: improve, increase, cut',
  },
  { terms: ['agenda'], instead: 'plan' },
  { terms: ['tackle', 'tackles', 'tackled', 'tackling'], instead: 'deal with, stop, or solve' },
  { terms: ['empower', 'empowers', 'empowered', 'empowering'], instead: 'let, allow, or help' },
  { terms: ['combat', 'combating', 'combatting', 'countering'], instead: 'stop, or deal with' },
  { terms: ['collaborate', 'collaborating', 'collaboration'], instead: 'work with, or working together' },
  { terms: ['deploy', 'deploys', 'deployed', 'deploying'], instead: 'use, or put in place' },
  { terms: ['dialogue'], instead: 'talk, or discussion' },
  { terms: ['disincentivise', 'disincentivize'], instead: 'discourage' },
  { terms: ['slimming down', 'slim down', 'slims down', 'slimmed down'], instead: 'cutting, or making smaller' },
  { terms: ['please note', 'please be advised', 'kindly be advised', 'be advised that'], instead: 'leave it out and say the thing itself' },
  { terms: ['in accordance with'], instead: 'under, or following' },
  { terms: ['subsequent to'], instead: 'after' },
  { terms: ['subsequently'], instead: 'later, or then' },
  { terms: ['cognisant', 'cognizant'], instead: 'aware' },
  { terms: ['substantiate'], instead: 'prove, or back up' },
  { terms: ['documentary evidence'], instead: 'documents, or papers' },
  { terms: ['escalate'], instead: 'pass on, or refer' },
  { terms: ['in due course'], instead: 'soon, or give a date' },
  { terms: ['at your earliest convenience'], instead: 'as soon as you can' },
  { terms: ['aforementioned', 'aforesaid'], instead: 'this, or that (or name it again)' },
  { terms: ['notwithstanding'], instead: 'despite, or even so' },
  { terms: ['requisite'], instead: 'needed' },
  { terms: ['remuneration'], instead: 'pay' },
  { terms: ['remittance'], instead: 'payment' },
  { terms: ['predicated on', 'predicated upon'], instead: 'based on' },
  { terms: ['stipulate'], instead: 'set, or say' },
  { terms: ['practicable'], instead: 'possible' },
  { terms: ['expedite'], instead: 'speed up' },
  { terms: ['commensurate with'], instead: 'in line with, or matching' },
  { terms: ['henceforth'], instead: 'from now on' },
  { terms: ['incentivise', 'incentivize', 'incentivised', 'incentivising'], instead: 'encourage' },
  {
    terms: [{ phrase: 'foster', notBefore: ['care', 'carer', 'carers', 'parent', 'parents', 'family', 'families', 'child', 'children', 'placement', 'placements', 'home'] }, 'fosters', { phrase: 'fostering', notBefore: ['service', 'services', 'team', 'agency', 'allowance', 'panel'] }],
    instead: 'encourage, or build',
  },
  { terms: ['impacted', 'impacting'], instead: 'affected, or affecting' },
  { terms: ['initiate', 'initiates', 'initiated', 'initiating'], instead: 'start' },
  { terms: ['in terms of'], instead: 'about, or for (or rewrite the sentence)' },
  { terms: ['liaise', 'liaises', 'liaised', 'liaising'], instead: 'work with, or talk to' },
  { terms: ['overarching'], instead: 'overall, or main' },
  { terms: ['ring fencing', 'ring-fenced', 'ring fenced', 'ringfenced'], instead: 'kept for, or set aside for' },
  { terms: ['one-stop shop'], instead: 'say what it is: one website, one office' },
  { terms: ['prior to'], instead: 'before' },
  { terms: ['in relation to', 'with regard to', 'with regards to', 'in respect of'], instead: 'about' },
  { terms: ['in the event that', 'in the event of'], instead: 'if' },
  { terms: ['at this moment in time', 'at this point in time', 'at the present time'], instead: 'now' },
  { terms: ['due to the fact that', 'owing to the fact that'], instead: 'because' },
  { terms: ['assist', 'assists', 'assisted', 'assisting', 'assistance'], instead: 'help' },
  { terms: ['purchase', 'purchases', 'purchased', 'purchasing'], instead: 'buy' },
  { terms: ['obtain', 'obtains', 'obtained', 'obtaining'], instead: 'get' },
  { terms: ['sufficient'], instead: 'enough' },
  { terms: ['approximately'], instead: 'about' },
  { terms: ['endeavour', 'endeavours', 'endeavor'], instead: 'try' },
  { terms: ['ascertain'], instead: 'find out' },
  { terms: ['in receipt of'], instead: 'getting, or have' },
  { terms: ['whilst'], instead: 'while' },
  { terms: ['thereafter'], instead: 'after that' },
  { terms: ['forthwith'], instead: 'now, or at once' },
];

const defaults: PlainEnglishPolicy = { maxReadingAge: 9, minWordsForReadingAge: 20, maxSentenceWords: 25, avoid };

const compile = compiledPer<PlainEnglishPolicy, PhraseIndex<string>>((policy) => {
  // A single word in the list also stands for its regular forms: "disincentivise" finds "disincentivising".
  const terms = policy.avoid.flatMap((entry) =>
    entry.terms.flatMap((term) => {
      const forms = typeof term === 'string' && !term.includes(' ') ? [term, ...inflections(term)] : [term];
      return forms.map((form) => ({ term: form, instead: entry.instead }));
    }),
  );
  return compilePhrases(
    terms.map((entry) => entry.term),
    (_term, index) => terms[index]?.instead ?? '',
  );
});

/** Words the rules below get wrong that turn up in replies: a final "e" that is sounded. */
const SYLLABLE_EXCEPTIONS: ReadonlyMap<string, number> = new Map([
  ['maybe', 2], ['recipe', 3], ['recipes', 3], ['cafe', 2], ['cafes', 2], ['karaoke', 4], ['acne', 2], ['adobe', 3],
]);

/**
 * Endings that follow a silent "e" in compounds and derived words: "likely", "statement", "useless", "something",
 * "timetable", "housework". "-ment" needs a longer stem, or "element" would lose a syllable.
 */
const AFTER_SILENT_E = /^([a-z]*[aeiouy][^aeiouy]{1,2})e((?:ly|less|lessly|ness|ful|fully|some|thing|things|one|where|work|time|times|table|tables|line|lines|side|way|ways|day|days|wise|hole|holes|house|houses|liness|fore)$)/u;
const BEFORE_MENT = /^([a-z]{2,}[aeiouy][^aeiouy]{1,2})e(ments?$)/u;
/**
 * A sounded "-le" or British "-re" after a consonant, also before -s and -d: "table", "settled", "centre", "litres"
 * (not "while", "files", "fire").
 */
const SYLLABIC_LE = /[^aeiouyl]le[sd]?$|[^aeiouyr]re[sd]?$/u;
/** A final "e" after a consonant, "-ed" not after t or d, "-es" not after a hissing sound: "hoped", "takes". */
const SILENT_ENDING = /(?<=[^aeiouy])(?:e|(?<![td])ed|(?<![sxzgc]|[cs]h)es)$/u;
/** A silent "-ue" after g: "league", "dialogue", "colleagues" (not "argue"). */
const SILENT_GUE = /(?<=[aeioun]g)ue[sd]?$/u;

/**
 * Syllables in a word, by a heuristic: groups of vowels (with y), less silent endings ("hoped", "takes", "files",
 * "league") and silent "e"s before a suffix ("likely", "statement"), plus the syllables that a group of vowels hides
 * ("going", "radio", "isn't"). Good to about one syllable in ten, enough for a reading age.
 */
export function syllables(word: string): number {
  const lower = (/[^\p{ASCII}]/u.test(word) ? word.normalize('NFD').replace(/\p{M}/gu, '') : word).toLowerCase();
  const letters = lower.replace(/[^a-z]/gu, '');
  const known = SYLLABLE_EXCEPTIONS.get(letters);
  if (known !== undefined) return known;
  if (letters.length <= 3) return 1;
  let stem = letters.replace(/qu/gu, 'q').replace(AFTER_SILENT_E, '$1$2').replace(BEFORE_MENT, '$1$2').replace(SILENT_GUE, '');
  if (!SYLLABIC_LE.test(stem)) stem = stem.replace(SILENT_ENDING, '');
  stem = stem.replace(/^y/u, '');
  let count = stem.match(/[aeiouy]+/gu)?.length ?? 0;
  // A vowel group that is two syllables: "being", "going", "radio", "videos".
  if (/[aeiouy]ing$/u.test(stem) || /[^aeiouy][ie]os?$/u.test(stem)) count += 1;
  // "isn't", "couldn't": the n is a syllable of its own after a consonant (not in "don't", "can't").
  if (/[^aeiouy]n['’]t$/u.test(lower)) count += 1;
  return Math.max(1, count);
}

/**
 * Reading age in years from the Flesch-Kincaid grade level (0.39 × words per sentence + 11.8 × syllables per word −
 * 15.59), plus 5 to turn a US school grade into an age.
 */
export function readingAge(words: number, sentences: number, syllableCount: number): number {
  if (words === 0) return 0;
  const grade = 0.39 * (words / Math.max(1, sentences)) + 11.8 * (syllableCount / words) - 15.59;
  return grade + 5;
}

function within(span: Span, word: Word): boolean {
  return span.start <= word.start && word.end <= span.end;
}

/** A word common in Welsh and not in English (as the Welsh rule reads it). */
function welshOnly(word: string): boolean {
  const languages = LANGUAGES_OF_WORD.get(word.replace(/’/gu, "'"));
  return languages !== undefined && languages.includes('cy') && !languages.includes('en');
}

/**
 * The sentences to measure: the reading-age formula and the sentence length are for English, so sentences in Welsh
 * are left out. A sentence is only identified when it has a word that is Welsh and not English.
 */
function englishSentences(draft: Draft, words: readonly Word[]): Span[] {
  if (!words.some((word) => welshOnly(word.lower))) return draft.sentences;
  return draft.sentences.filter((sentence) => {
    const inside = words.filter((word) => within(sentence, word));
    return !inside.some((word) => welshOnly(word.lower)) || identifyLanguage(sentence.text).language !== 'cy';
  });
}

// An email address is read as one thing, not as the words of its parts.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

function check(draft: Draft, _context: DraftContext, policy: PlainEnglishPolicy): Finding[] {
  const words = draft.words.filter((word) => !draft.hashtags.some((tag) => within(tag, word)));
  const findings: Finding[] = [];
  const base = { rule: plainEnglishRule.id, severity: 'low', principle: plainEnglishRule.principle } as const;
  const sentences = englishSentences(draft, words);
  const emails = draft.text.includes('@')
    ? [...draft.text.matchAll(EMAIL)].map((match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }))
    : [];
  // Every word outside links, mentions and hashtags lies in a sentence: only Welsh sentences and emails take any out.
  const measured =
    sentences === draft.sentences && emails.length === 0
      ? words
      : words.filter((word) => sentences.some((sentence) => within(sentence, word)) && !emails.some((email) => within(email, word)));
  const first = sentences[0];
  const last = sentences.at(-1);
  if (measured.length >= policy.minWordsForReadingAge && first !== undefined && last !== undefined) {
    const syllableCount = measured.reduce((sum, word) => sum + syllables(word.text), 0);
    // Rounded first, so that the age in the message is always above the limit it is compared with.
    const age = Math.round(readingAge(measured.length, sentences.length, syllableCount));
    if (age > policy.maxReadingAge) {
      findings.push({
        ...base,
        message: `This reply has a reading age of about ${age}. Aim for ${policy.maxReadingAge} or under, so that everyone can follow it.`,
        start: first.start,
        end: last.end,
        suggestion: 'Use shorter sentences and everyday words.',
      });
    }
  }
  let at = 0;
  for (const sentence of sentences) {
    let count = 0;
    while (at < words.length && (words[at]?.start ?? Infinity) < sentence.end) {
      const word = words[at];
      if (word !== undefined && within(sentence, word)) count += 1;
      at += 1;
    }
    if (count > policy.maxSentenceWords) {
      findings.push({
        ...base,
        message: `This sentence has ${count} words. Sentences of ${policy.maxSentenceWords} words or fewer are easier to read.`,
        start: sentence.start,
        end: sentence.end,
        suggestion: 'Split it into two or more sentences.',
      });
    }
  }
  for (const match of findPhrases(draft.text, words, compile(policy))) {
    const text = draft.text.slice(match.start, match.end);
    findings.push({
      ...base,
      message: `'${text}' is not plain English. Try: ${match.entry}.`,
      start: match.start,
      end: match.end,
      suggestion: match.entry,
    });
  }
  return findings.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Plain English: reading age, long sentences, and words with a plainer alternative. */
export const plainEnglishRule: Rule<PlainEnglishPolicy> = {
  id: 'plain-english',
  title: 'Plain English',
  principle: 'plain-english',
  policy: policySchema,
  defaults,
  check,
};
