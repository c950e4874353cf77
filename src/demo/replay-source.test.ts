import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../test/support/test-databases.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { credentialCipher } from '../platform/secrets/encryption.js';
import { enrichMention } from '../listening/enrich/enrich.js';
import { searchMentions } from '../listening/mentions/search.js';
import { createMatcher } from '../listening/query/matcher.js';
import { createWatchSync } from '../listening/watches/watch-sync.js';
import { loadDemoOrganisation } from './organisation.js';
import { samplePostAsMention, startReplay } from './replay-source.js';
import { demoWatches, samplePosts } from './sample-posts.js';

describe('demo sample', () => {
  it('every sample post matches a demo watch, and its language is recognised', () => {
    const matcher = createMatcher();
    demoWatches.forEach((watch) => matcher.set(watch.name, watch.query));
    samplePosts.forEach((sample, index) => {
      const mention = samplePostAsMention(index, new Date());
      assert.ok(matcher.match({ id: mention.externalId, text: mention.text }).length > 0, `sample ${index} matches no watch: ${sample.text}`);
      assert.equal(enrichMention({ text: sample.text }).language, sample.lang, `sample ${index} is ${sample.lang}: ${sample.text}`);
    });
  });
});

for (const dialect of testDialects()) {
  describe(`demo replay on ${dialect.name}`, () => {
    let handle: DatabaseHandle;
    before(async () => { handle = await dialect.open(); });
    after(() => handle.close());

    it('loads the demo watches and replays posts through the pipeline as live mentions', async () => {
      await loadDemoOrganisation(handle.db);
      const matcher = createMatcher();
      await createWatchSync(handle.db, matcher).refresh();
      assert.equal(matcher.size, demoWatches.length);
      const errors: unknown[] = [];
      const stop = await startReplay(handle.db, credentialCipher(Buffer.alloc(32, 9)), { matcher }, (error) => errors.push(error), 10);
      try {
        // The sample posts are replayed in turn; wait until some have arrived, a Welsh one among them.
        for (let i = 0; i < 500; i += 1) {
          const page = await searchMentions(handle.db, { sort: 'newest', limit: 10 });
          const welshSoFar = await searchMentions(handle.db, { languages: ['cy'], sort: 'newest', limit: 1 });
          if (page.mentions.length >= 3 && welshSoFar.mentions.length >= 1) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        stop();
      }
      assert.deepEqual(errors, [], 'the replay ran without errors');
      const welsh = await searchMentions(handle.db, { languages: ['cy'], sort: 'newest', limit: 10 });
      const all = await searchMentions(handle.db, { sort: 'newest', limit: 50 });
      assert.ok(all.mentions.length >= 3);
      assert.ok(welsh.mentions.length >= 1, 'Welsh posts arrive as Welsh');
    });
  });
}
