/** The kinds of personal data we look for in posts (a later guidance check adds its own kinds). */
export type PersonalDataKind = 'email' | 'phone' | 'ni-number' | 'postcode';

/** A piece of personal data found in a text, where `text === source.slice(start, end)`. */
export interface PersonalDataSpan<Kind extends string = PersonalDataKind> {
  readonly start: number;
  readonly end: number;
  readonly kind: Kind;
  readonly text: string;
}

/** Finds one kind of personal data in a text. */
export interface PersonalDataDetector<Kind extends string = PersonalDataKind> {
  readonly kind: Kind;
  find(text: string): PersonalDataSpan<Kind>[];
}

/**
 * Makes a detector from a pattern (its flags must include `g`) and, optionally, a check that each match must pass.
 * This is how every detector here is built, and how further kinds (dates of birth, case references) are added.
 */
export function patternDetector<Kind extends string>(
  kind: Kind,
  pattern: RegExp,
  accept: (match: string) => boolean = () => true,
): PersonalDataDetector<Kind> {
  if (!pattern.global) throw new TypeError(`the pattern for ${kind} needs the g flag`);
  return {
    kind,
    find(text) {
      const spans: PersonalDataSpan<Kind>[] = [];
      for (const found of text.matchAll(pattern)) {
        const match = found[0];
        if (accept(match)) spans.push({ start: found.index, end: found.index + match.length, kind, text: match });
      }
      return spans;
    },
  };
}

const LOCAL_PART = String.raw`[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?`;
const DOMAIN_LABEL = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?`;

/**
 * Email addresses. Not the fediverse handle `@name@host` (the local part may not follow an @), and the domain needs a
 * dot and a top-level name of letters.
 */
export const emailDetector = patternDetector(
  'email',
  new RegExp(
    String.raw`(?<![\w.%+@-])${LOCAL_PART}@${DOMAIN_LABEL}(?:\.${DOMAIN_LABEL})*\.[A-Za-z]{2,24}` +
      String.raw`(?![A-Za-z0-9-]|\.[A-Za-z0-9])`,
    'gu',
  ),
  (match) => !match.includes('..'),
);

/** `count` more digits, each after an optional single space or dash. */
const moreDigits = (count: string): string => String.raw`(?:[ -]?\d){${count}}`;
const INTERNATIONAL_PHONE = String.raw`(?:\+44|0044)[ -]?(?:\(0\)[ -]?)?[1237]` + moreDigits('9');
const BRACKETED_PHONE = String.raw`\(0[1237]\d{1,3}\)[ -]?\d` + moreDigits('4,7');
const NATIONAL_PHONE = '0[1237]' + moreDigits('8,9');

/** The shape of the few 01 numbers with a five-digit local number: "01387 12345", "(01387) 12345". */
const SHORT_LANDLINE = /^(?:01\d{3}|\(01\d{3}\))[ -]?\d{5}$/u;

/**
 * UK landline (01, 02, 03) and mobile (07) numbers, written nationally (0…) or internationally (+44, 0044, with or
 * without "(0)"), with single spaces or dashes between digits or the area code in brackets. The digits after the
 * country code or trunk 0 must number 10 (or 9, written as an 01 area code and a five-digit local number). Not part
 * of a longer number, price, date, reference (#, -, /) or word.
 */
export const ukPhoneDetector = patternDetector(
  'phone',
  new RegExp(
    String.raw`(?<![\w#£$€@./+-])(?:${INTERNATIONAL_PHONE}|${BRACKETED_PHONE}|${NATIONAL_PHONE})(?!\d|[./-]\d)`,
    'gu',
  ),
  (match) => {
    const significant = match.replace(/\D/gu, '').replace(/^(?:0044|44|0)(?:0(?=[1237]))?/u, '');
    return significant.length === 10 || (significant.length === 9 && SHORT_LANDLINE.test(match));
  },
);

/** National Insurance prefixes that are never allocated. */
const UNALLOCATED_NI_PREFIXES: ReadonlySet<string> = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NI_FIRST_LETTER = '[A-CEGHJ-PR-TW-Z]';
const NI_SECOND_LETTER = '[A-CEGHJ-NPR-TW-Z]';

/**
 * National Insurance numbers: two prefix letters, six digits, a suffix A–D, written solid or grouped with single
 * spaces ("QQ 12 34 56 C" style), in either case. Only valid prefixes count: the first letter is not D, F, I, Q, U or
 * V, the second not D, F, I, O, Q, U or V, and BG, GB, KN, NK, NT, TN and ZZ are never allocated.
 */
export const niNumberDetector = patternDetector(
  'ni-number',
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])${NI_FIRST_LETTER}${NI_SECOND_LETTER} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])`,
    'giu',
  ),
  (match) => !UNALLOCATED_NI_PREFIXES.has(match.slice(0, 2).toUpperCase()),
);

/** Postcode area letters: the first is never Q, V or X; a second never I, J or Z. */
const AREA_FIRST = '[A-PR-UWYZ]';
const AREA_SECOND = '[A-HK-Y]';
const OUTWARD = [
  String.raw`${AREA_FIRST}\d[A-HJKPSTUW]`,
  String.raw`${AREA_FIRST}${AREA_SECOND}\d[ABEHMNPRVWXY]`,
  String.raw`${AREA_FIRST}${AREA_SECOND}?\d\d?`,
].join('|');
/** A sector digit and a unit of two letters, none of C I K M O V. */
const INWARD = String.raw`\d[ABD-HJLNP-UW-Z]{2}`;

/**
 * Full UK postcodes: an outward code (A9, A99, A9A, AA9, AA99 or AA9A, with the letters each position allows), an
 * optional space, and an inward code; also GIR 0AA. A bare outward code ("CF10") is not a full postcode.
 */
export const postcodeDetector = patternDetector(
  'postcode',
  new RegExp(String.raw`(?<![\p{L}\p{N}])(?:(?:${OUTWARD})[ \u00A0]?${INWARD}|GIR ?0AA)(?![\p{L}\p{N}])`, 'giu'),
);

/** The detectors `findPersonalData` runs by default. */
export const PERSONAL_DATA_DETECTORS: readonly PersonalDataDetector[] = [
  emailDetector,
  ukPhoneDetector,
  niNumberDetector,
  postcodeDetector,
];

/**
 * Every piece of personal data in a text, in order of position. Where two overlap (a postcode-shaped local part of an
 * email address), the one that starts first, or the longer of two that start together, is kept.
 */
export function findPersonalData<Kind extends string = PersonalDataKind>(
  text: string,
  detectors: readonly PersonalDataDetector<Kind>[],
): PersonalDataSpan<Kind>[];
export function findPersonalData(text: string): PersonalDataSpan[];
export function findPersonalData(
  text: string,
  detectors: readonly PersonalDataDetector<string>[] = PERSONAL_DATA_DETECTORS,
): PersonalDataSpan<string>[] {
  const found = detectors
    .flatMap((detector) => detector.find(text))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PersonalDataSpan<string>[] = [];
  for (const span of found) {
    const last = kept.at(-1);
    if (last === undefined || span.start >= last.end) kept.push(span);
  }
  return kept;
}
