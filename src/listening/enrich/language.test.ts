import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ENGLISH_AND_WELSH_POSTS, OTHER_LANGUAGE_POSTS, type LabelledPost } from './language-fixtures.js';
import { identifyLanguage, normaliseLanguageTag } from './language.js';
import { wordsOf } from './words.js';

function accuracy(posts: readonly LabelledPost[]): { share: number; misses: string[] } {
  const misses = posts
    .map((post) => ({ post, found: identifyLanguage(post.text).language }))
    .filter(({ post, found }) => found !== post.language)
    .map(({ post, found }) => `${post.language} read as ${found}: ${post.text}`);
  return { share: 1 - misses.length / posts.length, misses };
}

describe('identifyLanguage', () => {
  it('tells Welsh from English on short posts at least 95% of the time', () => {
    assert.ok(ENGLISH_AND_WELSH_POSTS.filter((post) => post.language === 'cy').length >= 60);
    assert.ok(ENGLISH_AND_WELSH_POSTS.filter((post) => post.language === 'en').length >= 60);
    const { share, misses } = accuracy(ENGLISH_AND_WELSH_POSTS);
    assert.ok(share >= 0.95, `accuracy ${share.toFixed(3)}; missed:\n${misses.join('\n')}`);
  });

  it('recognises the other languages UK citizens commonly post in', () => {
    const { share, misses } = accuracy(OTHER_LANGUAGE_POSTS);
    assert.ok(share >= 0.9, `accuracy ${share.toFixed(3)}; missed:\n${misses.join('\n')}`);
    const languages = new Set(OTHER_LANGUAGE_POSTS.map((post) => post.language));
    for (const language of ['fr', 'de', 'es', 'pl', 'ga', 'gd', 'pt', 'it', 'ro', 'ur', 'pa', 'ar']) {
      assert.ok(languages.has(language), `no ${language} post in the fixtures`);
    }
  });

  it('is not fooled by Welsh place names in English posts, nor English names in Welsh ones', () => {
    assert.equal(identifyLanguage('Flooding on the main road in Ystrad Mynach is worse than ever').language, 'en');
    assert.equal(identifyLanguage('Thank you Cyngor Gwynedd, the bins were collected').language, 'en');
    assert.equal(identifyLanguage('Dw i wedi gwneud cais am Universal Credit ond dim ateb').language, 'cy');
  });

  it('weighs the declared language without trusting it blindly', () => {
    const welsh = "Mae'r llyfrgell ar gau eto heddiw, siomedig iawn";
    assert.equal(identifyLanguage(welsh, { declaredLanguage: 'en' }).language, 'cy');
    assert.equal(identifyLanguage('The library is closed again today', { declaredLanguage: 'cy' }).language, 'en');
    assert.deepEqual(identifyLanguage('👍👍', { declaredLanguage: 'cy-GB' }), { language: 'cy', confidence: 0.1 });
  });

  it('says und with no confidence when there is nothing to go on', () => {
    assert.deepEqual(identifyLanguage(''), { language: 'und', confidence: 0 });
    assert.deepEqual(identifyLanguage('🎉 12:30 https://example.org/x @someone'), { language: 'und', confidence: 0 });
    assert.equal(identifyLanguage('ሰላም ነው ጤና ይስጥልኝ', { declaredLanguage: 'en' }).language, 'und');
  });

  it('gives a confidence between 0 and 1, higher for a clear post than for a bare greeting', () => {
    const clear = identifyLanguage("Dydy'r bin ailgylchu ddim wedi cael ei gasglu ers pythefnos");
    const bare = identifyLanguage('Bore da');
    assert.ok(clear.confidence > 0.5 && clear.confidence <= 1);
    assert.ok(bare.confidence >= 0 && bare.confidence < clear.confidence);
  });

  it('gives the same answer from words the caller already has', () => {
    const text = "Diolch i staff y llyfrgell am eu help heddiw";
    assert.deepEqual(identifyLanguage(text, { words: wordsOf(text) }), identifyLanguage(text));
  });
});

describe('normaliseLanguageTag', () => {
  it('reduces tags to the codes we identify', () => {
    assert.equal(normaliseLanguageTag('en-GB'), 'en');
    assert.equal(normaliseLanguageTag(' CY '), 'cy');
    assert.equal(normaliseLanguageTag('cym'), 'cy');
    assert.equal(normaliseLanguageTag('pa_IN'), 'pa');
    assert.equal(normaliseLanguageTag('tlh'), undefined);
    assert.equal(normaliseLanguageTag(''), undefined);
    assert.equal(normaliseLanguageTag(undefined), undefined);
  });
});
