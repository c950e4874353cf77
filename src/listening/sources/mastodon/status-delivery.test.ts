import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { IngestBatch, IngestOutcome } from '../../ingest/ingest-batch.js';
import type { StatusContext } from './read-status.js';
import { createStatusDelivery, planBatch, RecentIds } from './status-delivery.js';
import { sampleStatus } from './status-fixtures.js';

const context: StatusContext = { instanceHost: 'social.example', domain: 'social.example', includeOptedOut: false, maxTextLength: 20_000 };
const outcome: IngestOutcome = { received: 0, stored: 0, created: 0, updated: 0, sightings: 0, deleted: 0 };

function recorder(): { batches: IngestBatch[]; deliver(batch: IngestBatch): Promise<IngestOutcome> } {
  const batches: IngestBatch[] = [];
  return { batches, deliver: (batch) => { batches.push(batch); return Promise.resolve(outcome); } };
}

describe('planBatch', () => {
  it('reads statuses, counts the unreadable, turns deletes into external ids and notes each feed’s newest id', () => {
    const planned = planBatch([
      { kind: 'status', feed: 'local', status: sampleStatus({ id: '105' }), edited: false },
      { kind: 'status', feed: 'local', status: sampleStatus({ id: '110', created_at: 'never' }), edited: false },
      { kind: 'status', feed: 'tag:nhs', status: sampleStatus({ id: '103' }, { indexable: false }), edited: false },
      { kind: 'delete', id: '99' },
      { kind: 'malformed' },
    ], context, new RecentIds(10));
    assert.deepEqual(planned.mentions.map((m) => m.externalId), ['social.example:105']);
    assert.equal(planned.malformed, 2);
    assert.deepEqual(planned.deletions, ['social.example:99']);
    assert.deepEqual([...planned.newest], [['local', '110'], ['tag:nhs', '103']], 'unreadable and left-out statuses still move the since_id on');
  });

  it('delivers a status once however often it is seen, but every edit, the last version in a batch winning', () => {
    const recent = new RecentIds(10);
    const first = planBatch([
      { kind: 'status', feed: 'public', status: sampleStatus({ id: '1' }), edited: false },
      { kind: 'status', feed: 'tag:nhs', status: sampleStatus({ id: '1' }), edited: false },
    ], context, recent);
    assert.equal(first.mentions.length, 1);
    const again = planBatch([
      { kind: 'status', feed: 'public', status: sampleStatus({ id: '1' }), edited: false },
      { kind: 'status', feed: null, status: sampleStatus({ id: '1', content: '<p>v2</p>' }), edited: true },
      { kind: 'status', feed: null, status: sampleStatus({ id: '1', content: '<p>v3</p>' }), edited: true },
    ], context, recent);
    assert.deepEqual(again.mentions.map((m) => m.text), ['v3']);
  });

  it('removes the mention when an account that has since opted out edits its status', () => {
    const planned = planBatch([{ kind: 'status', feed: null, status: sampleStatus({ id: '7' }, { noindex: true }), edited: true }], context, new RecentIds(10));
    assert.deepEqual(planned.deletions, ['social.example:7']);
  });

  it('forgets the oldest ids past its limit', () => {
    const recent = new RecentIds(2);
    for (const id of ['a', 'b', 'c']) recent.add(id);
    assert.deepEqual(['a', 'b', 'c'].map((id) => recent.has(id)), [false, true, true]);
  });
});

describe('createStatusDelivery', () => {
  it('saves each feed’s since_id with the batch that reaches it, and writes nothing when nothing changed', async () => {
    const run = recorder();
    const delivery = createStatusDelivery(run, context, new Map([['local', '100']]));
    await delivery.deliver([{ kind: 'status', feed: 'local', status: sampleStatus({ id: '101' }), edited: false }]);
    assert.deepEqual(run.batches[0]?.state, { instance: 'social.example', sinceIds: { local: '101' } });
    assert.equal(delivery.sinceId('local'), '101');
    await delivery.deliver([{ kind: 'status', feed: 'local', status: sampleStatus({ id: '101' }), edited: false }]);
    await delivery.deliver([], new Map([['local', '90']]));
    assert.equal(run.batches.length, 1, 'a repeat and an older id change nothing');
    await delivery.deliver([], new Map([['tag:nhs', '120']]));
    assert.deepEqual(run.batches[1], { mentions: [], deletions: [], malformed: 0, state: { instance: 'social.example', sinceIds: { local: '101', 'tag:nhs': '120' } } });
  });

  it('keeps the committed since_id when delivery fails', async () => {
    const delivery = createStatusDelivery({ deliver: () => Promise.reject(new Error('database down')) }, context, new Map([['local', '100']]));
    await assert.rejects(delivery.deliver([{ kind: 'status', feed: 'local', status: sampleStatus({ id: '101' }), edited: false }]), /database down/);
    assert.equal(delivery.sinceId('local'), '100');
  });
});
