import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { compareStatusIds, isStatusId, newerStatusId } from './status-ids.js';

describe('status ids', () => {
  it('orders Mastodon snowflakes numerically, without losing precision', () => {
    assert.equal(compareStatusIds('113024470216546213', '113024470216546214'), -1);
    assert.equal(compareStatusIds('99', '100'), -1);
    assert.equal(compareStatusIds('100', '100'), 0);
    assert.equal(compareStatusIds('AfxWTFKVmrUBRT0xFg', 'AfxWTFKVmrUBRT0xFh'), -1, 'fixed-length flake ids sort as text');
  });

  it('knows an id when it sees one', () => {
    for (const id of ['113024470216546213', 'AfxWTFKVmrUBRT0xFg', '01HZX3V5J7Q4ZK8Y2B9WQ1M6TN']) assert.equal(isStatusId(id), true, id);
    for (const id of ['', '1 2', '../1', 'x'.repeat(41), 12, null]) assert.equal(isStatusId(id), false, String(id));
  });

  it('picks the newer id, ignoring a missing one', () => {
    assert.equal(newerStatusId('5', '12'), '12');
    assert.equal(newerStatusId('12', null), '12');
    assert.equal(newerStatusId(undefined, '7'), '7');
    assert.equal(newerStatusId(null, null), null);
  });
});
