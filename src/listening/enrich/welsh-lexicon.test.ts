import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { WELSH_LEXICON, mutatedForms } from './welsh-lexicon.js';

describe('Welsh lexicon', () => {
  it('makes the soft and aspirate mutations of a word', () => {
    assert.deepEqual(mutatedForms('da'), ['dda']);
    assert.deepEqual(mutatedForms('cyflym'), ['gyflym', 'chyflym']);
    assert.deepEqual(mutatedForms('gwych'), ['wych']);
    assert.deepEqual(mutatedForms('llanast'), ['lanast']);
    assert.deepEqual(mutatedForms('ofnadwy'), []);
  });

  it('holds base and mutated forms, and not mutations that are other words', () => {
    assert.equal(WELSH_LEXICON.get('gwael'), WELSH_LEXICON.get('wael'));
    assert.ok((WELSH_LEXICON.get('dda') ?? 0) > 0);
    assert.equal(WELSH_LEXICON.has('gwyn'), false);
  });
});
