import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { enrichMention } from './enrich.js';

describe('enrichMention', () => {
  it('enriches a Welsh complaint that carries personal data', () => {
    const enriched = enrichMention({
      text: "Dydy'r bin ddim wedi cael ei gasglu eto, siomedig iawn. Ffoniwch fi ar 07700 900123, CF10 1EP",
      declaredLanguage: 'en',
    });
    assert.equal(enriched.language, 'cy');
    assert.ok(enriched.languageConfidence > 0.5);
    assert.equal(enriched.sentiment.label, 'negative');
    assert.deepEqual(enriched.personalData.kinds, ['phone', 'postcode']);
    assert.deepEqual(
      enriched.personalData.spans.map((span) => span.text),
      ['07700 900123', 'CF10 1EP'],
    );
  });

  it('enriches an English thank-you with no personal data', () => {
    const enriched = enrichMention({ text: 'Huge thanks to the library staff for their help today, brilliant' });
    assert.equal(enriched.language, 'en');
    assert.equal(enriched.sentiment.label, 'positive');
    assert.deepEqual(enriched.personalData, { kinds: [], spans: [] });
  });

  it('lists each kind once, in order of first appearance', () => {
    const enriched = enrichMention({ text: 'a@example.com, b@example.org, then 020 7946 0958' });
    assert.deepEqual(enriched.personalData.kinds, ['email', 'phone']);
    assert.equal(enriched.personalData.spans.length, 3);
  });

  it('copes with a post with no words', () => {
    const enriched = enrichMention({ text: '👍 https://example.org' });
    assert.deepEqual(enriched, {
      language: 'und',
      languageConfidence: 0,
      sentiment: enriched.sentiment,
      personalData: { kinds: [], spans: [] },
    });
    assert.ok(enriched.sentiment.score >= -1 && enriched.sentiment.score <= 1);
  });
});
