import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyseDraft } from './draft.js';

function sentences(text: string): string[] {
  return analyseDraft(text).sentences.map((sentence) => sentence.text);
}

describe('analyseDraft sentences', () => {
  it('ends a sentence at a stop, question or exclamation mark followed by a space, and at a line break', () => {
    assert.deepEqual(sentences('Thanks. Is it open? Yes!! It is\nSee you'), ['Thanks.', 'Is it open?', 'Yes!!', 'It is', 'See you']);
  });

  it('does not end a sentence at a stop inside a number, an address or a common abbreviation', () => {
    assert.deepEqual(sentences('It costs £35.50 a year. Bring ID, e.g. a passport. Dr. Patel can see you.'), [
      'It costs £35.50 a year.',
      'Bring ID, e.g. a passport.',
      'Dr. Patel can see you.',
    ]);
    assert.deepEqual(sentences('Read more at https://www.gov.uk/pip. Then apply.'), ['Read more at https://www.gov.uk/pip.', 'Then apply.']);
  });

  it('covers every letter of the text with some sentence', () => {
    const piece = fc.constantFrom('word', 'e.g.', '3.5', '.', '!', '?', ' ', '\n', 'Dr.', 'gov.uk', '...', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        const draft = analyseDraft(text);
        for (const word of draft.words) {
          if (draft.links.some((link) => word.start < link.end && link.start < word.end)) continue;
          assert.ok(
            draft.sentences.some((sentence) => sentence.start <= word.start && word.end <= sentence.end),
            `${JSON.stringify(text)}: ${word.text}`,
          );
        }
      }),
    );
  });
});
