import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { compileQuery, InvalidQueryError } from './compile.js';
import { createMatcher, type Matcher } from './matcher.js';
import { parseQuery } from './parse.js';
import type { MatchablePost } from './post.js';
import { createReferenceMatcher } from './reference.js';

const implementations: [string, () => Matcher][] = [
  ['matcher', createMatcher],
  ['reference evaluator', createReferenceMatcher],
];

/** Whether the query matches the post, checked on both the matcher and the reference evaluator. */
function matches(query: string, post: MatchablePost | string): boolean {
  const found = implementations.map(([, make]) => {
    const matcher = make();
    matcher.set('w', query);
    return matcher.match(typeof post === 'string' ? { id: 'p', text: post } : post).length === 1;
  });
  assert.equal(found[0], found[1], `matcher and reference evaluator disagree on ${query}`);
  return found[0] === true;
}

describe('matching words, phrases and prefixes', () => {
  it('finds a word whatever its case and accents, in Welsh and English', () => {
    assert.ok(matches('caerdydd', 'Traffig yn CÁERDYDD heddiw 🚗'));
    assert.ok(matches('Ŵyl', 'Gŵyl y Gelli — wyl'));
    assert.ok(!matches('council', 'councillors met today'));
  });

  it('finds a hashtag or a mention as a word too', () => {
    assert.ok(matches('universalcredit', 'Help! #UniversalCredit'));
    assert.ok(matches('dwp', 'Still waiting @DWP'));
  });

  it('does not find words inside links', () => {
    assert.ok(!matches('credit', 'read https://www.gov.uk/universal-credit now'));
  });

  it('finds a phrase only as consecutive words', () => {
    assert.ok(matches('"universal credit"', 'My Universal-Credit payment'));
    assert.ok(!matches('"universal credit"', 'universal basic credit'));
    assert.ok(!matches('"universal credit"', 'credit universal'));
    assert.ok(matches('"council tax"', 'the council 🙂 tax bill'), 'emoji do not count as words');
  });

  it('finds any word starting with a prefix', () => {
    assert.ok(matches('benefit*', 'benefits cut'));
    assert.ok(matches('benefit*', 'BENEFIT'));
    assert.ok(!matches('benefit*', 'unbenefited'));
  });
});

describe('matching operators', () => {
  it('AND needs both, OR either, NOT and - neither', () => {
    assert.ok(matches('bins AND late', 'late bins'));
    assert.ok(!matches('bins late', 'bins today'));
    assert.ok(matches('bins OR recycling', 'recycling'));
    assert.ok(!matches('bins OR recycling', 'library'));
    assert.ok(matches('bins -scam', 'bins'));
    assert.ok(!matches('bins -scam', 'bins scam'));
    assert.ok(!matches('bins AND NOT "fly tipping"', 'bins and fly tipping'));
    assert.ok(matches('bins AND NOT "fly tipping"', 'bins tipping fly'));
  });

  it('follows precedence: NOT over AND over OR', () => {
    assert.ok(matches('a b OR c', 'c'));
    assert.ok(!matches('a (b OR c)', 'c'));
    assert.ok(matches('"universal credit" AND (payment OR late) -scam', 'universal credit is late again'));
    assert.ok(!matches('"universal credit" AND (payment OR late) -scam', 'universal credit late scam'));
  });

  it('NEAR/n allows at most n words between the two sides, in either order', () => {
    assert.ok(matches('bin NEAR/2 late', 'bin was very late'));
    assert.ok(!matches('bin NEAR/2 late', 'bin was not very late'));
    assert.ok(matches('bin NEAR/2 late', 'late again the bin'));
    assert.ok(matches('bin NEAR/1 late', 'bin late'));
    assert.ok(!matches('bin NEAR/5 bin', 'one bin only'), 'one word cannot be both sides');
    assert.ok(matches('bin NEAR/5 bin', 'bin and another bin'));
  });

  it('ONEAR/n also needs the left side first', () => {
    assert.ok(matches('bin ONEAR/2 late', 'bin was late'));
    assert.ok(!matches('bin ONEAR/2 late', 'late was the bin'));
  });

  it('NEAR works with phrases, prefixes and ORs, counting words between their ends', () => {
    assert.ok(matches('"universal credit" NEAR/1 (late OR delayed)', 'Universal Credit payment late'));
    assert.ok(!matches('"universal credit" NEAR/1 (late OR delayed)', 'universal credit my payment late'));
    assert.ok(matches('pay* ONEAR/3 "too late"', 'payment arrived too late'));
    assert.ok(matches('(rent OR mortgage) NEAR/2 arrears', 'arrears on my mortgage'));
  });
});

describe('matching fields', () => {
  const post: MatchablePost = {
    id: 'p',
    text: 'Thanks @nhs.bsky.social for https://www.nhs.uk/vaccines #Vaccines',
    author: 'DWP@mastodon.social',
    lang: 'cy-GB',
    source: 'mastodon',
    links: ['https://cardiff.gov.uk/bins'],
    hashtags: ['Cymraeg'],
    mentions: ['@dwp@mastodon.social'],
  };

  it('author: matches the handle, or the user name on any instance', () => {
    assert.ok(matches('author:dwp@mastodon.social', post));
    assert.ok(matches('author:DWP', post));
    assert.ok(!matches('author:dwp@other.social', post));
    assert.ok(!matches('author:mastodon', post));
  });

  it('lang: matches the language whatever the region', () => {
    assert.ok(matches('lang:cy', post));
    assert.ok(!matches('lang:en', post));
  });

  it('source: matches where the post came from', () => {
    assert.ok(matches('source:mastodon', post));
    assert.ok(!matches('source:bluesky', post));
  });

  it('site: matches a link host or any subdomain of it, from the links and the text', () => {
    assert.ok(matches('site:gov.uk', post));
    assert.ok(matches('site:cardiff.gov.uk', post));
    assert.ok(matches('site:nhs.uk', post));
    assert.ok(matches('site:www.nhs.uk', post));
    assert.ok(!matches('site:bbc.co.uk', post));
    assert.ok(!matches('site:ff.gov.uk', post), 'only whole labels');
  });

  it('hashtag: and # match listed hashtags and those written in the text', () => {
    assert.ok(matches('#vaccines', post));
    assert.ok(matches('hashtag:cymraeg', post));
    assert.ok(!matches('#nhs', post));
  });

  it('mention: and @ match listed mentions and those in the text', () => {
    assert.ok(matches('@nhs.bsky.social', post));
    assert.ok(matches('mention:dwp', post));
    assert.ok(matches('@dwp@mastodon.social', post));
    assert.ok(!matches('@nhs', post));
  });

  it('a post without the field does not match it', () => {
    assert.ok(!matches('lang:cy', 'Bore da'));
    assert.ok(!matches('author:dwp', 'hello'));
  });
});

describe('createMatcher', () => {
  it('returns the matching watches in the order they were added', () => {
    for (const [name, make] of implementations) {
      const matcher = make();
      matcher.set('late', 'late');
      matcher.set('bins', 'bins OR #bins');
      matcher.set('welsh', 'lang:cy biniau');
      matcher.set('scam', 'bins scam');
      assert.deepEqual(matcher.match({ id: '1', text: 'Bins late again #bins' }), ['late', 'bins'], name);
      assert.deepEqual(matcher.match({ id: '2', text: 'Biniau yn hwyr 🗑️', lang: 'cy' }), ['welsh'], name);
      assert.deepEqual(matcher.match({ id: '3', text: 'nothing here' }), [], name);
    }
  });

  it('adds, changes and removes watches while posts flow', () => {
    for (const [name, make] of implementations) {
      const matcher = make();
      const post = { id: 'p', text: 'library closed early' };
      matcher.set('a', 'library');
      matcher.set('b', 'closed');
      assert.deepEqual(matcher.match(post), ['a', 'b'], name);
      matcher.set('a', 'swimming');
      assert.deepEqual(matcher.match(post), ['b'], name);
      matcher.set('a', 'early');
      assert.deepEqual(matcher.match(post), ['a', 'b'], `${name}: a changed watch keeps its place`);
      assert.equal(matcher.remove('b'), true);
      assert.equal(matcher.remove('b'), false);
      assert.deepEqual(matcher.match(post), ['a'], name);
      assert.equal(matcher.size, 1);
    }
  });

  it('keeps working when watches sharing words come and go', () => {
    const matcher = createMatcher();
    matcher.set('phrase', '"social care" NEAR/3 cuts');
    matcher.set('prefix', 'soci*');
    matcher.remove('phrase');
    assert.deepEqual(matcher.match({ id: 'p', text: 'social care cuts' }), ['prefix']);
    matcher.set('phrase', '"social care"');
    matcher.remove('prefix');
    assert.deepEqual(matcher.match({ id: 'p', text: 'social care cuts' }), ['phrase']);
    assert.deepEqual(matcher.match({ id: 'p', text: 'social workers care' }), []);
  });

  it('takes query text, a parsed tree or a compiled query', () => {
    const matcher = createMatcher();
    const parsed = parseQuery('bins');
    assert.ok(parsed.ok);
    matcher.set('text', 'bins');
    matcher.set('tree', parsed.query);
    matcher.set('compiled', compileQuery('bins'));
    assert.deepEqual(matcher.match({ id: 'p', text: 'bins' }), ['text', 'tree', 'compiled']);
  });

  it('refuses an invalid query with its errors, and keeps the watches it had', () => {
    const matcher = createMatcher();
    matcher.set('w', 'bins');
    assert.throws(
      () => matcher.set('w', 'bins NEAR late'),
      (error: unknown) => error instanceof InvalidQueryError && error.errors[0]?.message.startsWith('NEAR needs a distance') === true,
    );
    assert.throws(() => matcher.set('x', { kind: 'not', operand: { kind: 'term', word: 'x' } }), InvalidQueryError);
    assert.deepEqual(matcher.match({ id: 'p', text: 'bins' }), ['w']);
  });

  it('learns which words are common, and moves watches to rarer keys', () => {
    const matcher = createMatcher({ learnAfter: 10 });
    matcher.set('w', 'council AND zed');
    const common = { id: 'p', text: 'the council met' };
    for (let i = 0; i < 10; i++) assert.deepEqual(matcher.match(common), []);
    assert.equal(matcher.stats.candidates, 10, 'indexed under council, the longer word, at first');
    for (let i = 0; i < 10; i++) matcher.match(common);
    const learnt = matcher.stats.candidates;
    for (let i = 0; i < 10; i++) matcher.match(common);
    assert.equal(matcher.stats.candidates, learnt, 'now indexed under zed');
    assert.deepEqual(matcher.match({ id: 'q', text: 'zed and the council' }), ['w']);
  });

  it('tests only the candidates its index picks out', () => {
    const matcher = createMatcher();
    for (let i = 0; i < 1000; i++) matcher.set(`w${i}`, `word${i} AND late`);
    assert.deepEqual(matcher.match({ id: 'p', text: 'word7 is late' }), ['w7']);
    assert.deepEqual(matcher.stats, { posts: 1, candidates: 1 });
  });
});
