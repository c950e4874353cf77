import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  emailDetector,
  findPersonalData,
  niNumberDetector,
  patternDetector,
  postcodeDetector,
  ukPhoneDetector,
  type PersonalDataKind,
} from './personal-data.js';

const digits = (count: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^\\d{${count}}$`, 'u'));
const letterFrom = (letters: string): fc.Arbitrary<string> => fc.constantFrom(...letters.split(''));

/** Splits `value` into groups of the given lengths (the last group takes the rest) joined by `separator`. */
function grouped(value: string, lengths: readonly number[], separator: string): string {
  const groups: string[] = [];
  let at = 0;
  for (const length of lengths) {
    groups.push(value.slice(at, at + length));
    at += length;
  }
  if (at < value.length) groups.push(value.slice(at));
  return groups.filter((group) => group !== '').join(separator);
}

/** The 10 digits after the trunk 0 of a UK landline (1, 2, 3) or mobile (7) number. */
const significantNumber = fc.tuple(fc.constantFrom('1', '2', '3', '7'), digits(9)).map(([first, rest]) => first + rest);
const separator = fc.constantFrom(' ', '-', '');

const nationalPhone = fc
  .tuple(significantNumber, fc.constantFrom([11], [5, 6], [3, 4, 4], [4, 3, 4], [5, 3, 3], [3, 3, 5]), separator)
  .map(([number, lengths, sep]) => grouped(`0${number}`, lengths, sep));

const bracketedPhone = fc
  .tuple(fc.constantFrom('1', '2', '3'), digits(9), fc.integer({ min: 3, max: 5 }), fc.constantFrom(' ', ''))
  .map(([first, rest, areaLength, sep]) => {
    const national = `0${first}${rest}`;
    return `(${national.slice(0, areaLength)})${sep}${national.slice(areaLength)}`;
  });

const internationalPhone = fc
  .tuple(
    fc.constantFrom('+44 ', '+44', '0044 ', '+44 (0)', '+44 (0) ', '+44-'),
    significantNumber,
    fc.constantFrom([10], [4, 6], [2, 4, 4], [3, 3, 4]),
    separator,
  )
  .map(([prefix, number, lengths, sep]) => prefix + grouped(number, lengths, sep));

const ukPhone = fc.oneof(nationalPhone, bracketedPhone, internationalPhone);

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}[a-z0-9]$/u),
    fc.array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/u), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[a-z]{2,6}$/u),
  )
  .filter(([local]) => !local.includes('..'))
  .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);

const ALLOWED_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const ALLOWED_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const UNALLOCATED = ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'];

const niSpacing = fc.constantFrom('solid', 'pairs', 'block');
function writeNi(prefix: string, number: string, suffix: string, spacing: string): string {
  if (spacing === 'pairs') return `${prefix} ${grouped(number, [2, 2, 2], ' ')} ${suffix}`;
  if (spacing === 'block') return `${prefix} ${number} ${suffix}`;
  return `${prefix}${number}${suffix}`;
}

const validNiNumber = fc
  .tuple(letterFrom(ALLOWED_FIRST), letterFrom(ALLOWED_SECOND), digits(6), letterFrom('ABCD'), niSpacing, fc.boolean())
  .filter(([first, second]) => !UNALLOCATED.includes(first + second))
  .map(([first, second, number, suffix, spacing, lower]) => {
    const written = writeNi(first + second, number, suffix, spacing);
    return lower ? written.toLowerCase() : written;
  });

const invalidNiPrefix = fc.oneof(
  fc.tuple(letterFrom('DFIQUV'), letterFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ')).map(([a, b]) => a + b),
  fc.tuple(letterFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), letterFrom('DFIOQUV')).map(([a, b]) => a + b),
  fc.constantFrom(...UNALLOCATED),
);

const OUTWARD_FIRST = 'ABCDEFGHIJKLMNOPRSTUWYZ';
const OUTWARD_SECOND = 'ABCDEFGHKLMNOPQRSTUVWXY';
const outward = fc.oneof(
  fc.tuple(letterFrom(OUTWARD_FIRST), digits(1)).map(([a, d]) => a + d),
  fc.tuple(letterFrom(OUTWARD_FIRST), digits(2)).map(([a, d]) => a + d),
  fc.tuple(letterFrom(OUTWARD_FIRST), digits(1), letterFrom('ABCDEFGHJKPSTUW')).map(([a, d, b]) => a + d + b),
  fc.tuple(letterFrom(OUTWARD_FIRST), letterFrom(OUTWARD_SECOND), digits(1)).map(([a, b, d]) => a + b + d),
  fc.tuple(letterFrom(OUTWARD_FIRST), letterFrom(OUTWARD_SECOND), digits(2)).map(([a, b, d]) => a + b + d),
  fc
    .tuple(letterFrom(OUTWARD_FIRST), letterFrom(OUTWARD_SECOND), digits(1), letterFrom('ABEHMNPRVWXY'))
    .map(([a, b, d, c]) => a + b + d + c),
);
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const postcode = fc
  .tuple(outward, fc.constantFrom(' ', ''), digits(1), letterFrom(INWARD_LETTERS), letterFrom(INWARD_LETTERS))
  .map(([out, space, d, a, b]) => `${out}${space}${d}${a}${b}`);

/** Words of letters with some punctuation, to surround a value with. */
const prose = fc
  .array(fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,10}[,.!?]?$/u), { maxLength: 8 })
  .map((words) => words.join(' '));
const opening = fc.constantFrom(' ', '\n', ': ', ' (', ' "');
const closing = fc.constantFrom(' ', '\n', '. ', ') ', '" ', ', ', '!');

function foundIn(kind: PersonalDataKind, value: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(prose, opening, value, closing, prose, (before, open, found, close, after) => {
      const text = `${before}${open}${found}${close}${after}`;
      const start = before.length + open.length;
      const spans = findPersonalData(text);
      assert.ok(
        spans.some((span) => span.kind === kind && span.start === start && span.text === found),
        `${kind} ${JSON.stringify(found)} not found in ${JSON.stringify(text)}: ${JSON.stringify(spans)}`,
      );
    }),
    { numRuns: 300 },
  );
}

describe('personal data detectors (properties)', () => {
  it('always find a valid UK phone number in random text', () => foundIn('phone', ukPhone));
  it('always find an email address in random text', () => foundIn('email', email));
  it('always find a valid National Insurance number in random text', () => foundIn('ni-number', validNiNumber));
  it('always find a full postcode in random text', () => foundIn('postcode', postcode));

  it('never find a National Insurance number with an invalid prefix', () => {
    fc.assert(
      fc.property(prose, invalidNiPrefix, digits(6), letterFrom('ABCD'), niSpacing, prose, (a, prefix, n, s, sp, b) => {
        const text = `${a} ${writeNi(prefix, n, s, sp)} ${b}`;
        assert.deepEqual(niNumberDetector.find(text), []);
      }),
      { numRuns: 300 },
    );
  });

  it('give spans that point at the text they report', () => {
    fc.assert(
      fc.property(prose, ukPhone, prose, email, postcode, (a, phone, b, address, code) => {
        const text = `${a} ${phone} ${b} ${address} ${code}`;
        for (const span of findPersonalData(text)) assert.equal(text.slice(span.start, span.end), span.text);
      }),
      { numRuns: 100 },
    );
  });
});

const kindsIn = (text: string): string[] => findPersonalData(text).map((span) => `${span.kind}:${span.text}`);

describe('personal data detectors (examples)', () => {
  it('find each kind in a realistic post', () => {
    const post =
      'Still no reply! Ring me on 07700 900 123 or (029) 2087 1234, email jo.bloggs+council@example.co.uk. ' +
      'NI no QQ 12 34 56 C was a typo, it is AB 12 34 56 C, I live at CF10 1EP.';
    assert.deepEqual(kindsIn(post), [
      'phone:07700 900 123',
      'phone:(029) 2087 1234',
      'email:jo.bloggs+council@example.co.uk',
      'ni-number:AB 12 34 56 C',
      'postcode:CF10 1EP',
    ]);
  });

  it('find international and dashed phone numbers', () => {
    assert.deepEqual(kindsIn('+44 (0)20 7946 0958 / +447700900123 / 0044 117 496 0123 / 0300-123-4567'), [
      'phone:+44 (0)20 7946 0958',
      'phone:+447700900123',
      'phone:0044 117 496 0123',
      'phone:0300-123-4567',
    ]);
  });

  it('find the postcode formats, in any case', () => {
    assert.deepEqual(
      findPersonalData('SW1A 2AA, M1 1AE, b33 8th, W1A 0AX, CR2 6XH, DN551PT and GIR 0AA').map((span) => span.text),
      ['SW1A 2AA', 'M1 1AE', 'b33 8th', 'W1A 0AX', 'CR2 6XH', 'DN551PT', 'GIR 0AA'],
    );
  });

  it('ignore look-alikes: order numbers, dates, prices, years, tracking codes, roads, bare outward codes', () => {
    const lookAlikes = [
      'Order #07700900123 arrived', 'order ORD-01234567890 and ref 0123-4567-89', 'on 01/02/2024 or 2024-01-02',
      'at 12.03.2023 10:30', 'it cost £0.99, then £1,234.56', 'in 2023 and 2024, 1999-2001',
      'tracking JD014600006281434817 and 1Z999AA10123456784', 'the A1 road, the A470 and the M4 at junction 33',
      'somewhere in CF10 or SW1A', 'call 0800 123 4567', 'a 12345678901234 digit run', 'Flat 3, 12 High St',
      'toot me at @ann@mastodon.social', 'NI numbers look like QQ 12 34 56 C', 'AB 12 34 56 E is not one',
      'back at 5pm, room B4 7PM', 'version 1.2.3 on 10.0.0.1', 'email at example dot com',
    ];
    for (const text of lookAlikes) assert.deepEqual(findPersonalData(text), [], text);
  });

  it('keep the longer of two overlapping finds', () => {
    assert.deepEqual(kindsIn('write to cf101ep@example.com today'), ['email:cf101ep@example.com']);
  });

  it('let other kinds be added with the same building block', () => {
    const caseReference = patternDetector('case-reference', /\bCASE-\d{6}\b/gu);
    const spans = findPersonalData('About CASE-123456 and CF10 1EP', [caseReference, postcodeDetector]);
    assert.deepEqual(
      spans.map((span) => span.kind),
      ['case-reference', 'postcode'],
    );
    assert.throws(() => patternDetector('x', /x/u), /needs the g flag/);
  });

  it('expose each detector on its own', () => {
    assert.equal(emailDetector.find('a@b.uk').length, 1);
    assert.equal(ukPhoneDetector.find('07700 900123').length, 1);
    assert.equal(niNumberDetector.find('JH123456D').length, 1);
    assert.equal(postcodeDetector.find('LL57 2DG').length, 1);
  });
});
