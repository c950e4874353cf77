import { z } from 'zod';
import {
  emailDetector,
  findPersonalData,
  niNumberDetector,
  patternDetector,
  postcodeDetector,
  ukPhoneDetector,
  type PersonalDataDetector,
} from '../../listening/enrich/personal-data.js';
import { compiledPerPolicy } from './memo.js';
import type { Finding, Rule } from './rule.js';

/** What the personal data rule finds: the listening detectors' kinds, and two of its own. */
export type PersonalDataFindingKind = 'email' | 'phone' | 'ni-number' | 'postcode' | 'date-of-birth' | 'case-reference';

/** Flags for case reference patterns: matched anywhere, in either case, as Unicode. */
const CASE_REFERENCE_FLAGS = 'giu';

const caseReference = z
  .object({
    name: z.string().trim().min(1, 'give the kind of reference a name'),
    pattern: z.string().min(1, 'give a regular expression, e.g. "UC-\\\\d{6}"'),
  })
  .strict()
  .superRefine((reference, context) => {
    const problem = patternProblem(reference.pattern);
    if (problem !== undefined) context.addIssue({ code: 'custom', path: ['pattern'], message: `case reference "${reference.name}": ${problem}` });
  });

/** The personal data rule's section of the policy file. */
export const personalDataPolicy = z
  .object({
    /**
     * Phone numbers and email addresses the organisation publishes (its helplines, its contact address): a reply may
     * give them. Phone numbers are compared by their digits, so any spacing or +44 form of a listed number is allowed.
     */
    publishedContacts: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
    /** The organisation's case reference formats, each a regular expression (matched as a whole word, in any case). */
    caseReferences: z.array(caseReference).default([]),
    /** Where the suggestion sends the conversation instead, in words that finish "Ask them to send it by …". */
    privateChannel: z.string().trim().min(1, 'must not be empty').default('direct message or through our contact form'),
  })
  .strict();

/** The personal data rule's settings. */
export type PersonalDataPolicy = z.output<typeof personalDataPolicy>;

function patternProblem(source: string): string | undefined {
  let whole: RegExp;
  try {
    new RegExp(source, CASE_REFERENCE_FLAGS);
    whole = new RegExp(`^(?:${source})$`, 'iu');
  } catch (error) {
    return `not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  return whole.test('') ? 'the pattern matches empty text; it must match at least one character' : undefined;
}

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const DATE = [
  String.raw`(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:\d{4}|\d{2})`,
  String.raw`${DAY}\s+(?:of\s+)?${MONTH}(?:,?\s+\d{4})?`,
  String.raw`${MONTH}\s+${DAY}(?:,?\s+\d{4})?`,
].join('|');
/** Words that say the date after them is someone's birth date: "born", "DOB", "D.O.B.", "date of birth", "birthday". */
const BIRTH_CUE = String.raw`(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday(?:\s+is)?)`;

const DATE_WITH_YEAR = [
  String.raw`(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-]\d{4}`,
  String.raw`${DAY}\s+(?:of\s+)?${MONTH},?\s+\d{4}`,
  String.raw`${MONTH}\s+${DAY},?\s+\d{4}`,
].join('|');
/** Words that may stand between "date of birth" and the date ("shows as", "we hold for you is"), not ones of a deadline. */
const LINKING_WORD = String.raw`(?!(?:by|before|until|till|after|from|within|and|or|send|proof|evidence)\b)[\p{L}'’]+`;

/**
 * Dates of birth: a date (numeric, "12 March 1985", "March 12th, 1985") right after a word that says it is one, or a
 * full date with its year a few words after it ("your date of birth shows as 14/03/1986"). A date on its own ("by 12
 * March") is not a date of birth, nor a deadline after the words ("proof of date of birth by 1 May 2026").
 */
export const dateOfBirthDetector = patternDetector(
  'date-of-birth',
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])${BIRTH_CUE}(?:\s*(?:[:=–-]\s*|is\s+|was\s+)?(?:${DATE})|(?:,?[^\S\n]+${LINKING_WORD}){1,6},?[^\S\n]+(?:${DATE_WITH_YEAR}))(?![\p{L}\p{N}])`,
    'giu',
  ),
);

/** The digits that identify a UK phone number, whatever its prefix (+44, 0044, 0) or spacing. */
function phoneDigits(text: string): string {
  return text.replace(/\D/gu, '').replace(/^(?:0044|44|0)(?:0(?=[1237]))?/u, '');
}

interface Compiled {
  detectors: readonly PersonalDataDetector<PersonalDataFindingKind>[];
  allowedEmails: ReadonlySet<string>;
  allowedPhones: ReadonlySet<string>;
}

const compile = compiledPerPolicy((policy: PersonalDataPolicy): Compiled => {
  const references = policy.caseReferences.map((reference) =>
    patternDetector<PersonalDataFindingKind>(
      'case-reference',
      new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${reference.pattern})(?![\p{L}\p{N}])`, CASE_REFERENCE_FLAGS),
    ),
  );
  return {
    detectors: [emailDetector, ukPhoneDetector, niNumberDetector, postcodeDetector, dateOfBirthDetector, ...references],
    allowedEmails: new Set(policy.publishedContacts.filter((contact) => contact.includes('@')).map((email) => email.toLowerCase())),
    allowedPhones: new Set(policy.publishedContacts.filter((contact) => !contact.includes('@')).map(phoneDigits)),
  };
});

const WHAT: Record<PersonalDataFindingKind, string> = {
  email: 'an email address',
  phone: 'a phone number',
  'ni-number': 'a National Insurance number',
  postcode: 'a full postcode',
  'date-of-birth': 'a date of birth',
  'case-reference': 'a case reference',
};

/**
 * Personal data in a public post: email addresses, UK phone numbers, National Insurance numbers, full postcodes, dates
 * of birth and the organisation's case references. Blocked: the conversation must move to a private channel. The
 * organisation's own published phone numbers and addresses are allowed.
 */
export const personalDataRule: Rule<PersonalDataPolicy> = {
  id: 'personal-data',
  title: 'Personal data',
  principle: 'protect-personal-data',
  policy: personalDataPolicy,
  defaults: personalDataPolicy.parse({}),
  check(draft, _context, policy) {
    const compiled = compile(policy);
    const findings: Finding[] = [];
    for (const span of findPersonalData(draft.text, compiled.detectors)) {
      if (span.kind === 'email' && compiled.allowedEmails.has(span.text.toLowerCase())) continue;
      if (span.kind === 'phone' && compiled.allowedPhones.has(phoneDigits(span.text))) continue;
      findings.push({
        rule: 'personal-data',
        severity: 'blocked',
        message: `This looks like ${WHAT[span.kind]}. Personal data must not go in a public post, even when the person shared it publicly first.`,
        principle: 'protect-personal-data',
        start: span.start,
        end: span.end,
        suggestion: `Remove it, and ask them to send their details by ${policy.privateChannel}.`,
      });
    }
    return findings;
  },
};
