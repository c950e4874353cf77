import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CORPUS_PATH, corpusRuleIds, parseCorpus, type CorpusItem, type CorpusRuleId } from './corpus.js';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** Length as the platform counts it: Bluesky in graphemes, Mastodon in characters with every link as 23. */
function platformLength(item: CorpusItem): number {
  if (item.platform === 'bluesky') return [...graphemes.segment(item.text)].length;
  return Array.from(item.text.replace(/https?:\/\/[^\s<>"]+/gu, 'x'.repeat(23))).length;
}

/** How big a corpus file must be: drafts in all, positives of every rule, of personal data and of markings. */
interface Minimums {
  drafts: number;
  perRule: number;
  personalData: number;
  markings: number;
}

/** The same shape and balance checks for the tuning corpus and the held-out set, each with its own minimums. */
function describeCorpus(name: string, path: URL, minimums: Minimums): void {
  const { items, problems } = parseCorpus(readFileSync(path, 'utf8'));
  const positives = (rule: CorpusRuleId): CorpusItem[] => items.filter((item) => item.expect.includes(rule));

  describe(name, () => {
    it('has only well-formed items with unique ids', () => {
      assert.deepEqual(problems, []);
    });

    it('has enough drafts, on both platforms', () => {
      assert.ok(items.length >= minimums.drafts, `${items.length} drafts`);
      assert.ok(items.some((item) => item.platform === 'mastodon'));
      assert.ok(items.some((item) => item.platform === 'bluesky'));
    });

    it('is mostly ordinary clean replies, but not only', () => {
      const clean = items.filter((item) => item.expect.length === 0).length / items.length;
      assert.ok(clean >= 0.35 && clean <= 0.6, `clean share ${clean.toFixed(2)}`);
    });

    it('has positives for every rule, and enough personal data and markings to measure recall', () => {
      for (const rule of corpusRuleIds) assert.ok(positives(rule).length >= minimums.perRule, `${rule}: ${positives(rule).length} positives`);
      assert.ok(positives('personal-data').length >= minimums.personalData);
      assert.ok(positives('protective-marking').length >= minimums.markings);
    });

    it('labels a draft welsh only when it answers a mention in Welsh', () => {
      for (const item of positives('welsh')) assert.equal(item.inReplyToLang, 'cy', item.id);
      assert.ok(items.some((item) => item.inReplyToLang === 'cy' && !item.expect.includes('welsh')), 'Welsh replies to Welsh mentions');
    });

    it('keeps every draft not labelled platform-limits within its platform length', () => {
      for (const item of items.filter((i) => !i.expect.includes('platform-limits'))) {
        const limit = item.platform === 'bluesky' ? 300 : 500;
        assert.ok(platformLength(item) <= limit, `${item.id}: ${platformLength(item)} of ${limit}`);
      }
    });

    it('has drafts over the length limit on each platform', () => {
      const over = positives('platform-limits').filter((item) => platformLength(item) > (item.platform === 'bluesky' ? 300 : 500));
      assert.ok(over.some((item) => item.platform === 'bluesky'));
      assert.ok(over.some((item) => item.platform === 'mastodon'));
    });

    it('has drafts inside and outside a pre-election period', () => {
      const dated = items.filter((item) => item.now !== undefined);
      assert.ok(dated.some((item) => item.expect.includes('political')));
      assert.ok(dated.some((item) => item.expect.length === 0));
    });
  });
}

describeCorpus('the guidance corpus', CORPUS_PATH, { drafts: 300, perRule: 8, personalData: 40, markings: 25 });
// The held-out set: written apart from the rules and the corpus, to measure how well the rules generalise.
describeCorpus('the held-out guidance corpus', new URL('holdout.jsonl', import.meta.url), {
  drafts: 150,
  perRule: 6,
  personalData: 10,
  markings: 8,
});

describe('parseCorpus', () => {
  it('rejects a line that is not an item, an unknown rule id and a repeated id', () => {
    const good = JSON.stringify({ id: 'a', text: 'Hi', platform: 'bluesky', expect: [] });
    const parsed = parseCorpus(
      [good, good, '{', JSON.stringify({ id: 'b', text: 'Hi', platform: 'bluesky', expect: ['rudeness'] })].join('\n'),
    );
    assert.equal(parsed.items.length, 2);
    assert.equal(parsed.problems.length, 3);
    assert.match(parsed.problems[0] ?? '', /line 2: id a is used before/u);
    assert.match(parsed.problems[1] ?? '', /line 3: not valid JSON/u);
    assert.match(parsed.problems[2] ?? '', /line 4: expect\.0/u);
  });
});
