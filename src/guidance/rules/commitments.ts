import { z } from 'zod';
import type { Draft, Span } from './draft.js';
import { compiledPer, compilePhrases, findPhrases, termSchema, withoutNested, type PhraseIndex, type Term } from './phrases.js';
import type { DraftContext, Finding, Rule } from './rule.js';

/**
 * The commitments rule's section of the policy file.
 *
 * The rule tells a promise of an outcome ("we will refund you", "we'll make sure it is fixed") from a promise to act
 * ("we will look into this", "we'll pass this on"): only the first commits the organisation to something a reviewer
 * should agree. A promise to act with a deadline ("we'll reply by Friday") is still flagged, for the deadline.
 */
export interface CommitmentsPolicy {
  /** Outcomes that, after "we will", "we'll", "I will" or "we are going to", make a promise ("refund", "make sure"). */
  outcomes: string[];
  /** Words and phrases that promise on their own ("guarantee", "definitely", "rest assured"). */
  promises: Term[];
  /** Words about money besides amounts ("compensation", "goodwill payment"). */
  money: Term[];
}

const policySchema: z.ZodType<CommitmentsPolicy> = z.object({
  outcomes: z.array(z.string().trim().min(1, 'an outcome cannot be empty')),
  promises: z.array(termSchema),
  money: z.array(termSchema),
});

/** Words before "guarantee" or "promise you" that turn it into a disclaimer: "we cannot guarantee". */
const NOT_PROMISING = ['cannot', "can't", 'can not', "couldn't", 'could not', "won't", 'unable to', 'not able to', 'no'];

const defaults: CommitmentsPolicy = {
  outcomes: [
    'refund', 'repay', 'pay', 'pay you', 'reimburse', 'compensate', 'fix', 'resolve', 'sort', 'sort out', 'make sure',
    'ensure', 'guarantee', 'replace', 'reinstate', 'restore', 'backdate', 'waive', 'cancel', 'approve', 'award',
    'reverse', 'collect', 'repair', 'get this sorted', 'get it sorted', 'get this fixed', 'get it fixed',
    'have this sorted', 'have it sorted', 'have it fixed', 'have this fixed',
  ],
  promises: [
    'we promise', 'I promise', { phrase: 'promise you', notAfter: NOT_PROMISING },
    { phrase: 'guarantee', notBefore: ['credit'], notAfter: ['credit', ...NOT_PROMISING] },
    { phrase: 'guaranteed', notBefore: ['credit'], notAfter: ['not', "isn't", "aren't"] },
    { phrase: 'guarantees', notAfter: ['no'] }, 'definitely', 'certainly will', 'without fail',
    'rest assured', 'you have my word', 'absolutely will', '100 per cent', 'I can assure you', 'we can assure you',
  ],
  money: ['compensation', 'compensate', 'compensated', 'reimbursement', 'goodwill payment', 'ex gratia', 'ex-gratia'],
};

type Kind = 'promise' | 'deadline' | 'money';

interface Compiled {
  phrases: PhraseIndex<Kind>;
  promise: RegExp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/\s+/gu, '\\s+');
}

const WE_WILL = String.raw`\b(?:we|i)(?:\s+will|\s+shall|['’]ll|\s+are\s+going\s+to|['’]re\s+going\s+to|\s+am\s+going\s+to|['’]m\s+going\s+to)`;
const ADVERBS = String.raw`(?:\s+(?:definitely|certainly|personally|now|then|also|quickly|immediately|soon|of\s+course|be\s+able\s+to|absolutely))*`;
const YOU_WILL_GET = String.raw`\byou(?:\s+will|['’]ll)(?:\s+definitely)?\s+(?:get|receive|be\s+given|have)\s+(?:a\s+|an\s+|your\s+|the\s+|full\s+)*(?:refund|payment|money\s+back|compensation|back\s*pay)\b|\byou(?:\s+will|['’]ll)(?:\s+definitely)?\s+be\s+(?:paid|refunded|reimbursed|compensated)\b`;

const compile = compiledPer<CommitmentsPolicy, Compiled>((policy) => {
  const outcomes = [...policy.outcomes].sort((a, b) => b.length - a.length).map(escape);
  const promise = outcomes.length === 0
    ? new RegExp(YOU_WILL_GET, 'giu')
    : new RegExp(`${WE_WILL}(?:${ADVERBS}\\s+|[^.!?\\n]{0,60}?\\s+and\\s+(?:then\\s+)?)(?:${outcomes.join('|')})\\b|${YOU_WILL_GET}`, 'giu');
  return {
    phrases: compilePhrases<Kind>([...policy.promises, ...policy.money], (_term, index) =>
      index < policy.promises.length ? 'promise' : 'money',
    ),
    promise,
  };
});

const WEEKDAY = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** Month names on their own, written out ("by March"); May is left out, since "by may" is rarely a date. */
const MONTH_NAME = 'january|february|march|april|june|july|august|september|october|november|december';
const SEASON = 'spring|summer|autumn|winter|christmas|easter';
const COUNT = String.raw`\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|fifteen|twenty|thirty|a\s+few|a\s+couple\s+of|the\s+next`;
const WHEN = [
  String.raw`(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:day|week|month|year|play)`,
  String.raw`(?:the\s+)?(?:start|beginning|middle|end)\s+of\s+(?:${MONTH_NAME}|${SEASON})`,
  String.raw`(?:early|mid|late)[\s-](?:${MONTH_NAME}|${SEASON})`,
  String.raw`close\s+of\s+(?:business|play)`,
  String.raw`(?:this\s+|next\s+)?(?:${WEEKDAY}|weekend)`,
  String.raw`(?:next\s+|this\s+)(?:week|month)`,
  'tomorrow|tonight|today|noon|midday|midnight',
  String.raw`\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b`,
  String.raw`(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTH})\b`,
  String.raw`(?:${MONTH})\s+\d{1,2}(?:st|nd|rd|th)?\b`,
  String.raw`\d{1,2}/\d{1,2}(?:/\d{2,4})?`,
  String.raw`(?:the\s+)?(?:${SEASON})`,
  String.raw`(?:${MONTH_NAME})`,
].join('|');

/** Deadlines that need no context: "by Friday", "within 5 working days", "by the end of the month". */
const DEADLINE = new RegExp(
  [
    String.raw`\b(?:by|before|no\s+later\s+than)\s+(?:${WHEN})\b`,
    String.raw`\bwithin\s+(?:the\s+next\s+)?(?:${COUNT})\s+(?:(?:working|business|calendar)\s+)?(?:hours?|days?|weeks?|months?)\b`,
    String.raw`\b(?:in|over)\s+the\s+next\s+(?:${COUNT})?\s*(?:(?:working|business)\s+)?(?:hours?|days?|weeks?)\b`,
  ].join('|'),
  'giu',
);

/** Times that are a deadline only when someone promises something for them: "we'll call you tomorrow". */
const SOFT_TIME = /\b(?:tomorrow|tonight|later\s+today|this\s+afternoon|this\s+evening|first\s+thing|next\s+week|this\s+week|straight\s+away|right\s+away|asap)\b/giu;

/** We commit ourselves: "we will", "I'll", "we aim to", "our target is". */
const WE_COMMIT = String.raw`\b(?:we|i)(?:\s+(?:will|shall|aim\s+to|expect\s+to|intend\s+to|plan\s+to|promise\s+to|commit\s+to|have\s+agreed\s+to|are\s+going\s+to|am\s+going\s+to)|['’](?:ll|re\s+going\s+to|m\s+going\s+to))\b|\bour\s+(?:aim|target|promise|pledge|commitment|offer)\b`;
/** The reader will get something from us: "you will receive", "you should hear", "you'll be paid". */
const YOU_GET = String.raw`\byou(?:\s+will|['’]ll|\s+should)\s+(?:definitely\s+)?(?:get|receive|hear|be\s+(?:paid|refunded|reimbursed|compensated|contacted|called|sent|given))\b`;
/**
 * Something other than the reader will happen: "the ramp will be fixed", "the team will be with you". "You will",
 * "a will", "will you" and "will need to" are left out: the reader's doing, a document, a question and a duty.
 */
const SOMETHING_WILL = String.raw`(?<!\b(?:you|a|the|your|my|his|her|their|living|good)\s+)\b(?:will|shall)\b(?![-‑])(?!\s+(?:need|have)\s+to\b|\s+you\b)|\b(?!you['’])\p{L}+['’]ll\b`;
/** Money the reader gets back or is owed by us, whoever says it: "a refund of £20", "you are owed £40". */
const MONEY_TO_READER = String.raw`\brefund(?:s|ed|ing)?\b|\brepa(?:y|id|yment|yments)\b|\breimburs\w*|\bcompensat\w*|\bback[\s-]?pay\w*|\bowe\s+you\b|\b(?:you\s+are|you['’]re)\s+owed\b|\bowed\s+to\s+you\b|\bwe\s+owe\b|\bpa(?:y|id)\s+(?:back\s+)?(?:to\s+)?you\b|\bgoodwill\b|\bex[\s-]gratia\b|\bwill\s+be\s+(?:paid|refunded|credited|transferred|sent)\b`;

/**
 * A deadline commits us only when the sentence promises it: a deadline the reader must meet ("apply within 42 days",
 * "put your bin out by 7am") or a plain fact ("most people get it within three weeks") does not.
 */
const PROMISED_TIME = new RegExp(`${WE_COMMIT}|${YOU_GET}|${SOMETHING_WILL}`, 'iu');
/**
 * An amount commits us only when we promise it or the reader gets it from us: a fee, a penalty or an allowance ("it
 * costs £25", "a penalty of £100") is a fact to state, not a commitment.
 */
const PROMISED_MONEY = new RegExp(`${WE_COMMIT}|${YOU_GET}|${MONEY_TO_READER}`, 'iu');

/** Opening hours and closures read like times but promise nothing. */
const OPENING = /\b(?:open|opens|opening|closed|closes|closing|shut|reopens?|reopening|bank\s+holiday)\b/iu;

const MONEY = /[£€$]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion|thousand)\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:pounds?|quid|pence|euros?)\b|\b\d+p\b(?!\.?m\b)/giu;

const messages: Record<Kind, (text: string) => string> = {
  promise: (text) =>
    `'${text}' promises an outcome. Only someone who can commit the organisation to it should promise it, so a reviewer who can must see this first.`,
  deadline: (text) =>
    `'${text}' sets a deadline. Check it can be met and that someone who can commit to it has agreed before you post.`,
  money: (text) =>
    `'${text}' is about money. Amounts, refunds and compensation must be checked by someone who can commit to them.`,
};

const suggestions: Record<Kind, string> = {
  promise: "Say what you will do rather than what will happen, for example 'we will look into this and reply to you'.",
  deadline: 'Give a time only when it has been agreed; otherwise say when you will next update them.',
  money: 'Leave the amount out and point to where it is set out, unless someone who can commit to it has agreed.',
};

function outside(spans: readonly Span[], start: number, end: number): boolean {
  return !spans.some((span) => start < span.end && span.start < end);
}

interface Hit {
  kind: Kind;
  start: number;
  end: number;
}

function regexHits(text: string, pattern: RegExp, kind: Kind, skip: readonly Span[]): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (outside(skip, match.index, end)) hits.push({ kind, start: match.index, end });
  }
  return hits;
}

/** The hits whose sentence passes `test`: what makes a deadline or an amount ours is said in the same sentence. */
function inPromisingSentence(draft: Draft, hits: readonly Hit[], test: RegExp): Hit[] {
  return hits.filter((hit) => {
    const sentence = draft.sentences.find((span) => span.start <= hit.start && hit.start < span.end);
    return sentence !== undefined && test.test(sentence.text);
  });
}

function softDeadlines(draft: Draft, skip: readonly Span[]): Hit[] {
  const hits: Hit[] = [];
  for (const sentence of draft.sentences) {
    const times = regexHits(sentence.text, SOFT_TIME, 'deadline', []);
    if (times.length === 0 || !PROMISED_TIME.test(sentence.text) || OPENING.test(sentence.text)) continue;
    for (const hit of times) {
      const start = sentence.start + hit.start;
      const end = sentence.start + hit.end;
      if (outside(skip, start, end)) hits.push({ kind: 'deadline', start, end });
    }
  }
  return hits;
}

function check(draft: Draft, _context: DraftContext, policy: CommitmentsPolicy): Finding[] {
  const compiled = compile(policy);
  const skip = [...draft.links, ...draft.mentions];
  const hits: Hit[] = [
    ...regexHits(draft.text, compiled.promise, 'promise', skip),
    ...inPromisingSentence(draft, regexHits(draft.text, DEADLINE, 'deadline', skip), PROMISED_TIME),
    ...inPromisingSentence(draft, regexHits(draft.text, MONEY, 'money', skip), PROMISED_MONEY),
    ...findPhrases(draft.text, draft.words, compiled.phrases).map((match) => ({ kind: match.entry, start: match.start, end: match.end })),
    ...softDeadlines(draft, skip),
  ];
  hits.sort((a, b) => b.end - b.start - (a.end - a.start));
  return withoutNested(hits).map((hit) => {
    const text = draft.text.slice(hit.start, hit.end);
    return {
      rule: commitmentsRule.id,
      severity: 'medium',
      message: messages[hit.kind](text),
      principle: commitmentsRule.principle,
      start: hit.start,
      end: hit.end,
      suggestion: suggestions[hit.kind],
    };
  });
}

/** Commitments: promises of outcomes, guarantees, deadlines and money need someone who can commit to see them. */
export const commitmentsRule: Rule<CommitmentsPolicy> = {
  id: 'commitments',
  title: 'Promises, deadlines and money',
  principle: 'honesty-and-commitments',
  policy: policySchema,
  defaults,
  check,
};
