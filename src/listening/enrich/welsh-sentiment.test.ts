import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { welshSentimentScore } from './welsh-sentiment.js';

describe('welshSentimentScore', () => {
  it('is 0 without sentiment words and stays within −1..1', () => {
    assert.equal(welshSentimentScore([]), 0);
    assert.equal(welshSentimentScore(['mae', 'bws', 'yn', 'dod']), 0);
    assert.ok(welshSentimentScore(Array.from({ length: 50 }, () => 'gwych')) <= 1);
    assert.ok(welshSentimentScore(Array.from({ length: 50 }, () => 'ofnadwy')) >= -1);
  });

  it('negates only the few words after a negator', () => {
    assert.ok(welshSentimentScore(['ddim', 'yn', 'dda']) < 0);
    assert.ok(welshSentimentScore(['ddim', 'wedi', 'dod', 'eto', 'ond', 'mae', 'hi', 'yn', 'dda']) > 0);
  });

  it("reads a word through its clitic: \"diolch'n\" is still diolch", () => {
    assert.ok(welshSentimentScore(["diolch'n"]) > 0);
  });
});
