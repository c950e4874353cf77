import { LIMITS } from './ast.js';

const number = (n: number) => n.toLocaleString('en-GB');

function example(operator: string): string {
  return /NEAR/.test(operator) ? `pay ${operator} late` : `council ${operator} library`;
}

/** Every message a query can get, in words a communications officer understands. docs/query-language.md lists them. */
export const messages = {
  empty: () => 'The query is empty: type the words to look for, like council tax.',
  tooLong: (length: number) =>
    `A query can be at most ${number(LIMITS.maxLength)} characters long and this one has ${number(length)}: split it into several watches.`,
  tooManyClauses: (count: number) =>
    `A query can have at most ${LIMITS.maxClauses} words, phrases and fields, and this one has ${count}: split it into several watches.`,
  unclosedQuote: (where: string) => `Close the quote opened at ${where}: a phrase needs a " at each end.`,
  unclosedBracket: (where: string) => `Close the bracket opened at ${where}: add a ) where the group ends.`,
  strayBracket: () => 'This ) has no ( before it: remove it, or add a ( where the group starts.',
  emptyBrackets: () => 'These brackets are empty: put words inside them or remove them.',
  missingAfter: (operator: string) => `Add a word, phrase or group after ${operator}.`,
  missingBefore: (operator: string) => `${operator} needs something on both sides, like ${example(operator)}.`,
  operatorsTogether: (first: string, second: string) =>
    `${first} and ${second} are next to each other: put a word between them or remove one.`,
  nearDistanceMissing: (name: string) =>
    `${name} needs a distance, like ${name}/5: the most words allowed between the two sides.`,
  nearDistanceRange: (name: string, distance: string) =>
    `The ${name} distance must be a whole number from ${LIMITS.minDistance} to ${LIMITS.maxDistance}, not ${distance}.`,
  nearOperand: (name: string) =>
    `${name} can only join words, phrases, word* or bracketed ORs of those, like (pay OR payment) ${name}/3 late.`,
  nearChain: () => 'Use one NEAR at a time and join them with AND, like (pay NEAR/3 late) AND (late NEAR/3 rent).',
  lowercaseNear: () => 'Write NEAR in capital letters, like NEAR/5. To search for the word near, leave out the /.',
  wildcardTooShort: (stem: string) =>
    `Put at least ${LIMITS.minPrefix} letters before the *, like benefit*: “${stem}*” would match too many words.`,
  wildcardPlace: () => 'A * can only go at the end of a single word, like benefit*.',
  wildcardInPhrase: () => 'A * does not work inside quotes: remove it, or use word* outside the quotes.',
  noLetters: (text: string) => `“${text}” has no letters or digits, so it can't be searched for: remove it.`,
  emptyPhrase: () => 'These quotes have no words in them: put words inside them or remove them.',
  minusAlone: () => 'Put the minus sign right before what to leave out, with no space, like -scam.',
  misplacedMinus: () => 'A minus sign can only leave out a whole clause, like -scam: not twice in a row, nor inside NEAR.',
  doubleNot: () => 'Two NOTs cancel each other out: remove both.',
  unknownField: (name: string) =>
    `There is no field called ${name}: use author:, lang:, source:, site:, hashtag: or mention:. To search for the text itself, put it in quotes.`,
  linkAsWord: () => 'To find posts that link to a website, use site: with its domain, like site:gov.uk.',
  fieldValueMissing: (written: string, sample: string) => `Add a value after ${written}, like ${sample}.`,
  langInvalid: (value: string) =>
    `lang: takes a two-letter language code, like lang:cy for Welsh or lang:en for English; “${value}” is not one.`,
  sourceInvalid: (value: string) => `source: must be mastodon, bluesky, rss or webhook, not “${value}”.`,
  siteInvalid: (value: string) =>
    `site: takes a website's domain name, like site:gov.uk, without https:// or a path; “${value}” is not one.`,
  hashtagInvalid: (value: string) => `A hashtag can have only letters, digits and _, like #nhs; “${value}” has others.`,
  handleInvalid: (value: string) =>
    `“${value}” is not a handle: write it like @dwp, @dwp@mastodon.social or @dwp.bsky.social.`,
  onlyExcludes: () =>
    'A watch must look for something, not only leave things out: add a word to find, like council -scam.',
  orSideOnlyExcludes: () =>
    'Each side of OR must look for something by itself: a side that only leaves things out would match almost every post.',
  unreadable: () => "This part of the query can't be read: check the words, quotes and brackets around it.",
} as const;
