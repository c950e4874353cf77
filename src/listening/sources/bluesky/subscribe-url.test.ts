import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { subscribeUrl } from './subscribe-url.js';

describe('subscribeUrl', () => {
  it('asks for posts only, from the cursor when there is one', () => {
    assert.equal(subscribeUrl('wss://jetstream2.us-east.bsky.network/subscribe', null), 'wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post');
    assert.equal(subscribeUrl('ws://127.0.0.1:6008/subscribe', 1_725_911_162_329_308), 'ws://127.0.0.1:6008/subscribe?wantedCollections=app.bsky.feed.post&cursor=1725911162329308');
  });

  it('adds the /subscribe path to a bare host and replaces a collection or cursor already in the address', () => {
    assert.equal(subscribeUrl('wss://jetstream1.us-west.bsky.network', null), 'wss://jetstream1.us-west.bsky.network/subscribe?wantedCollections=app.bsky.feed.post');
    assert.equal(
      subscribeUrl('wss://js.example/subscribe?wantedCollections=app.bsky.feed.like&cursor=5&compress=false', 7),
      'wss://js.example/subscribe?compress=false&wantedCollections=app.bsky.feed.post&cursor=7',
    );
  });
});
