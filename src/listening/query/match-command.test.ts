import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PassThrough, Readable, Writable } from 'node:stream';
import { main } from '../../cli.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-match-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function watchesFile(watches: unknown): string {
  const file = join(dir, `watches-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof watches === 'string' ? watches : JSON.stringify(watches));
  return file;
}

class Collector extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(args: string[], input: string | Readable, tty = false) {
  const stdout = new Collector();
  const stderr = new Collector();
  stderr.isTTY = tty;
  const stdin = typeof input === 'string' ? Readable.from([input]) : input;
  const code = await main(['match', ...args], { stdin, stdout, stderr, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const lines = (...values: unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n') + '\n';
const WATCHES = [
  { id: 'uc', query: '"universal credit" AND (payment OR late) -scam' },
  { id: 'bins', query: 'bins OR #biniau' },
  { id: 'welsh', query: 'lang:cy' },
];

describe('parley match', () => {
  it('writes the watches each post matches, in input order, skipping posts that match none', async () => {
    const result = await run(
      ['--watches', watchesFile(WATCHES)],
      lines(
        { id: '1', text: 'My Universal Credit payment is late' },
        { id: '2', text: 'lovely weather' },
        { id: '3', text: 'Dim casgliad #Biniau eto 🗑️', lang: 'cy' },
        { id: '4', text: 'universal credit late: a scam?' },
      ),
    );
    assert.equal(result.code, 0);
    assert.equal(result.stdout, lines({ id: '1', watches: ['uc'] }, { id: '3', watches: ['bins', 'welsh'] }));
    assert.equal(result.stderr, '');
  });

  it('writes every post with --all', async () => {
    const result = await run(['--watches', watchesFile(WATCHES), '--all'], lines({ id: 'a', text: 'bins' }, { id: 'b', text: 'x' }));
    assert.equal(result.stdout, lines({ id: 'a', watches: ['bins'] }, { id: 'b', watches: [] }));
  });

  it('reports a malformed line with its number, skips it and goes on', async () => {
    const result = await run(
      ['--watches', watchesFile(WATCHES)],
      lines({ id: '1', text: 'bins' }, '{"id": "2", "text": ', { id: '3' }, '', { id: '4', text: 'bins' }),
    );
    assert.equal(result.code, 0);
    assert.equal(result.stdout, lines({ id: '1', watches: ['bins'] }, { id: '4', watches: ['bins'] }));
    assert.equal(
      result.stderr,
      'parley match: line 2: not valid JSON; skipped\nparley match: line 3: "text" is missing or has the wrong type; skipped\n',
    );
  });

  it('prints every error of every invalid watch and exits 2 without reading stdin', async () => {
    let read = false;
    const stdin = new Readable({
      read() {
        read = true;
        this.push(null);
      },
    });
    const file = watchesFile([{ id: 'ok', query: 'bins' }, { id: 'w1', query: 'pay NEAR late be*' }, { id: 'w2', query: '(bins' }, { id: 'w2b', query: 'x' }, { id: 'ok', query: 'y' }]);
    const result = await run(['--watches', file], stdin);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(read, false);
    assert.equal(
      result.stderr,
      [
        `parley match: ${file}: watch "w1", line 1, column 5: NEAR needs a distance, like NEAR/5: the most words allowed between the two sides.`,
        `parley match: ${file}: watch "w1", line 1, column 15: Put at least 3 letters before the *, like benefit*: “be*” would match too many words.`,
        `parley match: ${file}: watch "w2", line 1, column 1: Close the bracket opened at column 1: add a ) where the group ends.`,
        `parley match: ${file}: watch "ok": another watch already has this id`,
        '',
      ].join('\n'),
    );
  });

  it('refuses a watches file that is not a JSON array of watches', async () => {
    for (const content of ['{"id": "x"}', 'not json', '[{"id": 1, "query": "x"}]']) {
      const result = await run(['--watches', watchesFile(content)], '');
      assert.equal(result.code, 2);
      assert.match(result.stderr, /parley match: .*watches-.*\.json: (it must be a JSON array|not valid JSON|item 1: it needs an "id")/);
    }
    const missing = await run(['--watches', join(dir, 'missing.json')], '');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*missing\.json/);
  });

  it('explains wrong flags with the help text', async () => {
    const noWatches = await run([], '');
    assert.equal(noWatches.code, 2);
    assert.match(noWatches.stderr, /--watches FILE is required[\s\S]*usage: parley match/);
    const badFormat = await run(['--watches', watchesFile(WATCHES), '--format', 'csv'], '');
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be mention or jetstream, not 'csv'/);
  });

  it('reads raw Jetstream events, skipping what is not a new or edited post', async () => {
    const did = 'did:plc:abc';
    const post = (rkey: string, text: string, operation = 'create') => ({
      did,
      time_us: 1,
      kind: 'commit',
      commit: { rev: 'r', operation, collection: 'app.bsky.feed.post', rkey, cid: 'c', record: { $type: 'app.bsky.feed.post', text, langs: ['cy'], createdAt: '2024-09-09T00:00:00Z' } },
    });
    const result = await run(
      ['--watches', watchesFile(WATCHES), '--format', 'jetstream'],
      lines(
        post('1', 'Biniau heb eu casglu, bins'),
        { did, time_us: 2, kind: 'identity', identity: { did, handle: 'x.bsky.social' } },
        { did, time_us: 3, kind: 'commit', commit: { rev: 'r', operation: 'delete', collection: 'app.bsky.feed.post', rkey: '1' } },
        { did, time_us: 4, kind: 'commit', commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.like', rkey: '2', record: {} } },
        post('3', 'nothing', 'update'),
        { kind: 'commit' },
      ),
    );
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      lines({ id: `at://${did}/app.bsky.feed.post/1`, watches: ['bins', 'welsh'] }, { id: `at://${did}/app.bsky.feed.post/3`, watches: ['welsh'] }),
    );
    assert.match(result.stderr, /^parley match: line 6: not a Jetstream event/);
  });

  it('streams: answers each line as it arrives, before the input ends', async () => {
    const stdin = new PassThrough();
    const stdout = new Collector();
    const done = main(['match', '--watches', watchesFile(WATCHES)], { stdin, stdout, stderr: new Collector(), env: {} });
    stdin.write(`${JSON.stringify({ id: '1', text: 'bins' })}\n{"id": "2", "te`);
    for (let waited = 0; stdout.text === '' && waited < 5000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(stdout.text, lines({ id: '1', watches: ['bins'] }));
    stdin.end('xt": "more bins"}');
    assert.equal(await done, 0);
    assert.equal(stdout.text, lines({ id: '1', watches: ['bins'] }, { id: '2', watches: ['bins'] }));
  });

  it('shows progress on stderr when it is a terminal', async () => {
    const result = await run(['--watches', watchesFile(WATCHES)], lines({ id: '1', text: 'bins' }, { id: '2', text: 'x' }, 'oops'), true);
    assert.match(result.stderr, /\rparley match: 3 lines, 2 posts, 1 matched, 1 skipped\n$/);
  });
});
