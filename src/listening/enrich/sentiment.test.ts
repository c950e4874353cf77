import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyseSentiment, englishSentiment, sentimentLabel, welshSentiment } from './sentiment.js';
import { wordsOf } from './words.js';

const welsh = (text: string): string => welshSentiment(wordsOf(text)).label;
const english = (text: string): string => englishSentiment(text).label;

describe('englishSentiment', () => {
  it('reads clear praise and clear complaints', () => {
    assert.equal(english('Brilliant service from the library staff, thank you so much'), 'positive');
    assert.equal(english('Terrible service, the bins were missed again and nobody cares'), 'negative');
    assert.equal(english('Is the library open on Saturday?'), 'neutral');
  });

  it('turns round negated words', () => {
    assert.equal(english('not good'), 'negative');
    assert.equal(english('The new booking system is not good at all'), 'negative');
    assert.equal(english('The staff were not helpful'), 'negative');
  });

  it('does not read the names of services as feelings', () => {
    assert.equal(english('When do garden waste collections start?'), 'neutral');
    assert.equal(english('Need to apply for Universal Credit'), 'neutral');
  });
});

describe('welshSentiment', () => {
  it('reads clear praise and clear complaints', () => {
    assert.equal(welsh('Diolch i staff y llyfrgell, gwasanaeth gwych'), 'positive');
    assert.equal(welsh("Gwasanaeth gwael iawn, mae'r biniau'n warthus"), 'negative');
    assert.equal(welsh("Ydy'r llyfrgell ar agor ddydd Sadwrn?"), 'neutral');
  });

  it('knows mutated forms: "yn dda", "yn wych", "yn ddrud"', () => {
    assert.equal(welsh("Mae'r ap yn dda"), 'positive');
    assert.equal(welsh("Roedd y staff yn garedig"), 'positive');
    assert.equal(welsh('Mae parcio yn ddrud'), 'negative');
  });

  it('turns round negated words: "ddim yn dda", "dim problem"', () => {
    assert.equal(welsh('ddim yn dda'), 'negative');
    assert.equal(welsh("Dydy'r gwasanaeth ddim yn dda o gwbl"), 'negative');
    assert.equal(welsh('Dim problem o gwbl'), 'positive');
  });

  it('is stronger with "iawn" and ignores greetings and "am ddim"', () => {
    const plain = welshSentiment(wordsOf('Mae hyn yn dda')).score;
    const strong = welshSentiment(wordsOf('Mae hyn yn dda iawn')).score;
    assert.ok(strong > plain);
    assert.equal(welsh("Bore da, pryd mae'r casgliad nesaf?"), 'neutral');
    assert.equal(welsh('Gwersi nofio gwych am ddim'), 'positive');
  });
});

describe('analyseSentiment', () => {
  it('picks the model by language and keeps the score within −1..1', () => {
    assert.equal(analyseSentiment('ddim yn dda', 'cy').label, 'negative');
    assert.equal(analyseSentiment('really good', 'en').label, 'positive');
    assert.equal(analyseSentiment('really good', 'und').label, 'positive');
    assert.deepEqual(analyseSentiment('Merci beaucoup, c’est parfait', 'fr'), { score: 0, label: 'neutral' });
    for (const text of ['gwych gwych gwych gwych gwych gwych', 'awful awful awful terrible disgraceful']) {
      const { score } = analyseSentiment(text, text.startsWith('g') ? 'cy' : 'en');
      assert.ok(score >= -1 && score <= 1);
    }
  });

  it('labels scores with a neutral band around 0', () => {
    assert.equal(sentimentLabel(0), 'neutral');
    assert.equal(sentimentLabel(0.04), 'neutral');
    assert.equal(sentimentLabel(0.3), 'positive');
    assert.equal(sentimentLabel(-0.3), 'negative');
  });
});
