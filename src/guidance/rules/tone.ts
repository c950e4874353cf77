import { z } from 'zod';
import { englishSentiment } from '../../listening/enrich/sentiment.js';
import type { Draft, Word } from './draft.js';
import { compiledPer, compilePhrases, findPhrases, termSchema, withoutNested, type PhraseIndex, type Term } from './phrases.js';
import type { DraftContext, Finding, Rule, Severity } from './rule.js';
import { isKnownWord } from './vocabulary.js';

/**
 * The tone rule's section of the policy file.
 *
 * Severity: a strong signal is medium (a run of three or more shouted words, sarcasm such as "yeah right", a dismissive
 * word such as "pathetic", a sentence to the reader that scores strongly negative). A mild signal is low (one or two
 * shouted everyday words such as "NOT", "!!" or "?!", "obviously", scare quotes), unless the draft has
 * `mildSignalsForMedium` or more of them: together they make a cross reply, and all become medium.
 */
export interface TonePolicy {
  /**
   * A sentence to the reader scoring at or below this (−1 to 1, from the listening sentiment scorer) is flagged, when
   * at least `negativeWords` of its words are negative on their own: the scorer averages over the few words it knows,
   * so a single word ("bereavement", "plain", "taken off") can make a calm sentence score −1.
   */
  negativeAt: number;
  negativeWords: number;
  /** Capitalised words that are not shouting: acronyms and initialisms. Compared in upper case. */
  acronyms: string[];
  /** Sarcasm and impatience that are a strong signal ("as we've already said"). */
  sarcasm: Term[];
  /** Words that can sound condescending, a mild signal ("obviously"). */
  mildSarcasm: Term[];
  /** Dismissive or insulting words, a strong signal ("pathetic", "calm down"). */
  dismissive: Term[];
  /**
   * Words of contempt or disgust, a strong signal ("disgusting", "useless"), except in a sentence that also apologises
   * or sympathises, where they describe what happened to the reader ("sorry, that sounds terrible").
   */
  contempt: Term[];
  /** Words of apology and sympathy: a sentence with one is not scored for negativity ("sorry about the awful delay"). */
  empathy: Term[];
  mildSignalsForMedium: number;
}

const policySchema: z.ZodType<TonePolicy> = z.object({
  negativeAt: z.number().min(-1).max(0),
  negativeWords: z.number().int().min(1),
  acronyms: z.array(z.string().trim().min(1)),
  sarcasm: z.array(termSchema),
  mildSarcasm: z.array(termSchema),
  dismissive: z.array(termSchema),
  contempt: z.array(termSchema),
  empathy: z.array(termSchema),
  mildSignalsForMedium: z.number().int().min(1),
});

const defaults: TonePolicy = {
  negativeAt: -0.5,
  negativeWords: 2,
  acronyms: [
    'NHS', 'DWP', 'HMRC', 'GOV', 'UK', 'PIP', 'UC', 'ESA', 'JSA', 'DVLA', 'DVSA', 'HMCTS', 'MOJ', 'MOD', 'NI', 'NINO',
    'PAYE', 'VAT', 'SEND', 'EHCP', 'GP', 'A&E', 'MP', 'MPS', 'MSP', 'MLA', 'MS', 'ID', 'PIN', 'OK', 'TV', 'EU', 'USA',
    'US', 'IT', 'ME', 'FAQ', 'FAQS', 'COVID', 'ASAP', 'BBC', 'CCTV', 'MOT', 'ULEZ', 'SNP', 'DUP', 'SDLP', 'UUP', 'TUV',
    'PM', 'AM', 'HM', 'RAF', 'DBS', 'NHSE', 'ICB', 'CQC', 'RSPCA', 'LGBT', 'LGBTQ', 'BSL', 'SMS', 'PDF', 'URL', 'QR',
  ],
  sarcasm: [
    'yeah, right', 'clearly you didn\'t', 'clearly you did not', 'clearly you haven\'t', 'clearly you have not',
    'clearly you don\'t', 'clearly you do not', 'obviously you didn\'t', 'obviously you haven\'t',
    'oh brilliant', 'oh great', 'oh wonderful', 'oh fantastic', 'oh marvellous', 'oh lovely', 'oh joy', 'oh well done',
    'what a surprise', 'what a shock', 'surprise, surprise', 'who would have thought', 'big surprise',
    'as we\'ve already said', 'as we have already said', 'as we\'ve already explained', 'as we have already explained',
    'as we said before', 'as previously stated', 'as stated above', 'as we\'ve told you', 'as we have told you',
    'if you had read', 'if you\'d read', 'good luck with that', 'thanks for nothing', 'with all due respect',
    'nice try', 'funny how', 'not rocket science', 'sure, whatever',
  ],
  mildSarcasm: ['obviously', 'so-called', 'apparently you', 'as you should know', 'as you know'],
  dismissive: [
    'pathetic', 'ridiculous', 'nonsense', 'stupid', 'idiot', 'idiotic', 'silly', 'absurd', 'laughable', 'disgraceful',
    'whinge', 'whinging', 'whining', 'moaning', 'ranting', 'ignorant', 'clueless', 'lazy', 'calm down', 'get over it',
    'deal with it', 'your own fault', 'wasting our time', 'not our problem', 'stop complaining',
    'stop spamming', 'stop moaning', 'stop whining', 'stop whinging', 'stop harassing', 'stop pestering', 'stop nagging',
    'stop trolling', 'stop wasting', 'stop being', 'stop ranting', 'stop shouting', "didn't bother", 'did not bother',
    "couldn't be bothered", 'could not be bothered', 'look it up yourself', 'google it', 'utter rubbish',
    'absolute rubbish', 'complete rubbish', 'total rubbish', 'talking rubbish', 'the same rubbish', 'such rubbish',
  ],
  contempt: [
    'tiresome', 'disgusting', 'disgusted', 'selfish', 'appalling', 'appalled', 'terrible', 'dreadful', 'useless',
    'shameful', 'inconsiderate', 'despicable', 'vile', 'rude', 'sick of', 'fed up with', 'had enough of', 'pointless',
  ],
  empathy: [
    'sorry', 'apologise', 'apologize', 'apologies', 'apology', 'regret', 'unfortunately', 'understand', 'frustrating',
    'frustration', 'inconvenience', 'upsetting', 'distressing', 'sympathies', 'condolences',
  ],
  mildSignalsForMedium: 2,
};

type Kind = 'negative' | 'sarcasm' | 'mild-sarcasm' | 'dismissive' | 'contempt' | 'shouting' | 'mild-shouting' | 'exclamation' | 'scare-quotes';

const strong: ReadonlySet<Kind> = new Set<Kind>(['negative', 'sarcasm', 'dismissive', 'contempt', 'shouting']);

interface Compiled {
  signals: PhraseIndex<Kind>;
  contempt: PhraseIndex<Kind>;
  empathy: PhraseIndex<null>;
  acronyms: ReadonlySet<string>;
}

const compile = compiledPer<TonePolicy, Compiled>((policy) => {
  const sarcasmEnd = policy.sarcasm.length;
  const mildEnd = sarcasmEnd + policy.mildSarcasm.length;
  return {
    signals: compilePhrases<Kind>([...policy.sarcasm, ...policy.mildSarcasm, ...policy.dismissive], (_term, index) =>
      index < sarcasmEnd ? 'sarcasm' : index < mildEnd ? 'mild-sarcasm' : 'dismissive',
    ),
    contempt: compilePhrases(policy.contempt, (): Kind => 'contempt'),
    empathy: compilePhrases(policy.empathy, () => null),
    acronyms: new Set(policy.acronyms.map((acronym) => acronym.toUpperCase())),
  };
});

const QUOTED = /"[^"\n]{1,300}"|“[^”\n]{1,300}”/gu;
const SCARE_QUOTES = /\b(?:your|this|these|those|so-called)\s+(?:"(\p{Ll}+(?:\s\p{Ll}+)?)"|“(\p{Ll}+(?:\s\p{Ll}+)?)”)/giu;
const EXCLAMATIONS = /!{2,}[!?]*|[!?]*(?:\?!|!\?)[!?]*/gu;
// "Well done" is praise unless something marks it as ironic: a trailing ellipsis, "genius", an eye-roll.
const IRONIC_WELL_DONE = /\bwell\s+done\b(?=\s*(?:\.{3}|…)|,?\s+(?:genius|sherlock|einstein)\b|[^.!?\n]*🙄)/giu;
const SLASH_S = /(?<!\S)\/s(?![\p{L}\p{N}/])/gu;
const TO_READER = /\byou(?:r|rs|rself|['’](?:re|ve|d|ll))?\b/iu;
const CAPS = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;

/** A stretch of the draft's text: a span, a match or a hit. */
interface Range {
  start: number;
  end: number;
}

interface Hit {
  kind: Kind;
  start: number;
  end: number;
  suggestion?: string | undefined;
}

function inside(spans: readonly Range[], start: number, end: number): boolean {
  return spans.some((span) => start < span.end && span.start < end);
}

function matchesOf(text: string, pattern: RegExp, kind: Kind, skip: readonly Range[]): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (!inside(skip, match.index, end)) hits.push({ kind, start: match.index, end });
  }
  return hits;
}

/** Runs of words in capitals; acronyms and single letters continue a run but do not count as shouting. */
function shouting(draft: Draft, acronyms: ReadonlySet<string>, skip: readonly Range[]): Hit[] {
  const hits: Hit[] = [];
  let run: Word[] = [];
  const flush = (): void => {
    const shouted = run.filter((word) => !acronyms.has(word.text) && /^\p{L}[\p{L}'’]+$/u.test(word.text));
    const first = run[0];
    const last = run.at(-1);
    run = [];
    if (first === undefined || last === undefined || shouted.length === 0) return;
    const text = draft.text.slice(first.start, last.end);
    const fixed = text.replace(/[\p{L}'’]+/gu, (word) => (acronyms.has(word) || word.length === 1 ? word : word.toLowerCase()));
    const atSentenceStart = draft.sentences.some((sentence) => sentence.start === first.start);
    const suggestion = atSentenceStart ? fixed.charAt(0).toUpperCase() + fixed.slice(1) : fixed;
    if (shouted.length >= 3) hits.push({ kind: 'shouting', start: first.start, end: last.end, suggestion });
    else if (shouted.every((word) => isKnownWord(word.lower))) {
      for (const word of shouted) hits.push({ kind: 'mild-shouting', start: word.start, end: word.end, suggestion: word.lower });
    }
  };
  for (const word of draft.words) {
    if (CAPS.test(word.text) && !inside(skip, word.start, word.end)) run.push(word);
    else flush();
  }
  flush();
  return hits;
}

function negativeWordCount(sentence: string): number {
  return sentence.split(/\s+/u).filter((word) => /\p{L}/u.test(word) && englishSentiment(word).score < 0).length;
}

function negativeSentences(draft: Draft, empathy: readonly Range[], policy: TonePolicy, quoted: readonly Range[]): Hit[] {
  const hits: Hit[] = [];
  for (const sentence of draft.sentences) {
    if (inside(empathy, sentence.start, sentence.end)) continue;
    let own = sentence.text;
    for (const quote of quoted) {
      if (quote.start >= sentence.end || quote.end <= sentence.start) continue;
      const from = Math.max(quote.start, sentence.start) - sentence.start;
      const to = Math.min(quote.end, sentence.end) - sentence.start;
      own = own.slice(0, from) + ' '.repeat(to - from) + own.slice(to);
    }
    if (!TO_READER.test(own) || englishSentiment(own).score > policy.negativeAt) continue;
    if (negativeWordCount(own) >= policy.negativeWords) hits.push({ kind: 'negative', start: sentence.start, end: sentence.end });
  }
  return hits;
}

/** Words of contempt, except in a sentence that apologises or sympathises. */
function contemptWords(draft: Draft, compiled: Compiled, empathy: readonly Range[], quoted: readonly Range[]): Hit[] {
  const sympathetic = draft.sentences.filter((sentence) => inside(empathy, sentence.start, sentence.end));
  return findPhrases(draft.text, draft.words, compiled.contempt)
    .filter((match) => !inside(quoted, match.start, match.end) && !inside(sympathetic, match.start, match.end))
    .map((match) => ({ kind: match.entry, start: match.start, end: match.end }));
}

function scareQuotes(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(SCARE_QUOTES)) {
    const word = match[1] ?? match[2] ?? '';
    const end = match.index + match[0].length;
    hits.push({ kind: 'scare-quotes', start: end - word.length - 2, end, suggestion: word });
  }
  return hits;
}

const messages: Record<Kind, (text: string) => string> = {
  negative: () =>
    'This sentence reads as strongly negative towards the person you are replying to. Keep to the facts and stay courteous, even if they were not.',
  sarcasm: (text) => `'${text}' can read as sarcastic or impatient, and sarcasm is easily misread online.`,
  'mild-sarcasm': (text) => `'${text}' can sound condescending, as if the reader should have known.`,
  dismissive: (text) => `'${text}' can come across as dismissive or rude to the person you are replying to.`,
  contempt: (text) => `'${text}' expresses contempt or disgust. Even when it is about others, it reads as an angry post from the organisation.`,
  shouting: (text) => `'${text}' is in capitals, which reads as shouting and is harder to read. Use normal capitals.`,
  'mild-shouting': (text) => `'${text}' in capitals can read as shouting. If you need emphasis, change the wording.`,
  exclamation: (text) => `'${text}' can read as shouting or as over-excited. Use one exclamation mark at most.`,
  'scare-quotes': (text) => `Quotation marks around ${text} can suggest you doubt the reader. Leave them out.`,
};

const fixes: Partial<Record<Kind, string>> = {
  negative: 'Say what happened and what they can do next, without judging them.',
  sarcasm: "Say it plainly, for example 'You can find this on our website'.",
  'mild-sarcasm': 'Leave it out.',
  dismissive: 'Leave it out and keep to the facts.',
  contempt: 'Say what the problem is and what will happen, without judging anyone.',
  exclamation: 'Use a full stop.',
};

function check(draft: Draft, _context: DraftContext, policy: TonePolicy): Finding[] {
  const compiled = compile(policy);
  const quoted = matchesOf(draft.text, QUOTED, 'scare-quotes', []);
  const notOurs = [...quoted, ...draft.links, ...draft.mentions];
  const empathy = findPhrases(draft.text, draft.words, compiled.empathy);
  const negative = negativeSentences(draft, empathy, policy, quoted);
  const hits: Hit[] = [
    ...findPhrases(draft.text, draft.words, compiled.signals)
      .filter((match) => !inside(quoted, match.start, match.end))
      .map((match) => ({ kind: match.entry, start: match.start, end: match.end })),
    ...contemptWords(draft, compiled, empathy, quoted),
    ...matchesOf(draft.text, IRONIC_WELL_DONE, 'sarcasm', notOurs),
    ...matchesOf(draft.text, SLASH_S, 'sarcasm', draft.links),
    ...shouting(draft, compiled.acronyms, [...notOurs, ...draft.hashtags]),
    ...matchesOf(draft.text, EXCLAMATIONS, 'exclamation', draft.links),
    ...scareQuotes(draft.text),
  ];
  // A negative sentence is reported beside the signals inside it, which say more precisely what to change.
  const kept = [...negative, ...withoutNested(hits.sort((a, b) => b.end - b.start - (a.end - a.start)))].sort(
    (a, b) => a.start - b.start,
  );
  const mild = kept.filter((hit) => !strong.has(hit.kind)).length;
  const mildSeverity: Severity = mild >= policy.mildSignalsForMedium ? 'medium' : 'low';
  return kept.map((hit) => ({
    rule: toneRule.id,
    severity: strong.has(hit.kind) ? 'medium' : mildSeverity,
    message: messages[hit.kind](draft.text.slice(hit.start, hit.end)),
    principle: toneRule.principle,
    start: hit.start,
    end: hit.end,
    suggestion: hit.suggestion ?? fixes[hit.kind],
  }));
}

/** Tone: our own words should be courteous; negativity, sarcasm, shouting and stacked punctuation are flagged. */
export const toneRule: Rule<TonePolicy> = {
  id: 'tone',
  title: 'Courtesy and tone',
  principle: 'courtesy-and-tone',
  policy: policySchema,
  defaults,
  check,
};
