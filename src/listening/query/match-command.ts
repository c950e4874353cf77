import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { CliCommand, CliIo } from '../../platform/cli/command.js';
import { parseFlags, UsageError } from '../../platform/cli/command.js';
import { readJetstreamEvent } from '../sources/jetstream-event.js';
import { createMatcher, type Matcher } from './matcher.js';
import { readMentionLine } from './mention-line.js';
import type { MatchablePost } from './post.js';
import { readWatchFile } from './watch-file.js';

const FORMATS = ['mention', 'jetstream'] as const;
type Format = (typeof FORMATS)[number];
type LineReading = { post: MatchablePost } | { problem: string } | 'skip';

const help = `usage: parley match --watches FILE [--format mention|jetstream] [--all] < posts.ndjson

Matches posts read from stdin (one JSON object a line) against watch queries, and writes
{"id": "...", "watches": ["w1", ...]} for each post that matches at least one watch, in input order.

options:
  --watches FILE   JSON array of {"id": "...", "query": "..."}; if any query has an error, every
                   error is printed with the watch id and position, and the command exits 2
                   without reading stdin
  --format NAME    mention (default): {"id", "text", "author"?, "lang"?, "source"?, "links"?,
                   "hashtags"?, "mentions"?} a line
                   jetstream: raw Bluesky Jetstream events; only posts created or updated are read
  --all            write a line for every post, even one that matches no watch

A line that cannot be read is reported on stderr with its number and skipped. When stderr is a
terminal, progress is shown there. The query language: docs/query-language.md.

example:
  parley match --watches watches.json --format jetstream < jetstream.ndjson > matches.ndjson
`;

/** `parley match`: tries watch queries on a stream of posts. */
export const matchCommand: CliCommand = {
  name: 'match',
  summary: 'Match posts (NDJSON on stdin) against watch queries',
  help,
  async run(args, io) {
    const { values } = parseFlags(args, {
      watches: { type: 'string' },
      format: { type: 'string', default: 'mention' },
      all: { type: 'boolean', default: false },
    });
    const { watches: file, format, all } = values;
    if (file === undefined) throw new UsageError('--watches FILE is required');
    if (!isFormat(format)) throw new UsageError(`--format must be mention or jetstream, not '${format}'`);

    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      io.stderr.write(`parley match: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    const read = readWatchFile(text);
    if ('problems' in read) {
      for (const problem of read.problems) io.stderr.write(`parley match: ${file}: ${problem}\n`);
      return 2;
    }
    const matcher = createMatcher();
    for (const watch of read.watches) matcher.set(watch.id, watch.query);
    await matchStream(io, format, all, matcher);
    return 0;
  },
};

function isFormat(value: string): value is Format {
  return FORMATS.some((f) => f === value);
}

async function matchStream(io: CliIo, format: Format, all: boolean, matcher: Matcher): Promise<void> {
  const progress = new Progress(io.stderr);
  let lineNumber = 0;
  for await (const lines of linesOf(io.stdin)) {
    let out = '';
    for (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const reading = readLine(line, format);
      if (reading === 'skip') continue;
      if ('problem' in reading) {
        progress.skipped += 1;
        io.stderr.write(`parley match: line ${lineNumber}: ${reading.problem}; skipped\n`);
        continue;
      }
      const ids = matcher.match(reading.post);
      progress.posts += 1;
      if (ids.length > 0) progress.matched += 1;
      if (ids.length > 0 || all) out += `${JSON.stringify({ id: reading.post.id, watches: ids })}\n`;
    }
    if (out !== '' && !io.stdout.write(out)) await once(io.stdout, 'drain');
    progress.tick(lineNumber);
  }
  progress.end(lineNumber);
}

function readLine(line: string, format: Format): LineReading {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'not valid JSON' };
  }
  if (format === 'mention') return readMentionLine(value);
  const event = readJetstreamEvent(value);
  if (event.kind === 'skip') return 'skip';
  return event.kind === 'post' ? { post: event.post } : { problem: event.problem };
}

/** Yields the complete lines of each chunk as it arrives, so that memory stays flat however long the input. */
async function* linesOf(input: NodeJS.ReadableStream): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    yield lines;
  }
  const last = rest + decoder.end();
  if (last !== '') yield [last];
}

/** Counts shown on stderr about once a second, only when stderr is a terminal. */
class Progress {
  posts = 0;
  matched = 0;
  skipped = 0;
  private shownAt = Date.now();

  constructor(private readonly stderr: CliIo['stderr']) {}

  tick(lines: number): void {
    if (!this.stderr.isTTY || Date.now() - this.shownAt < 1000) return;
    this.shownAt = Date.now();
    this.stderr.write(`\r${this.line(lines)}`);
  }

  end(lines: number): void {
    if (this.stderr.isTTY) this.stderr.write(`\r${this.line(lines)}\n`);
  }

  private line(lines: number): string {
    const n = (x: number) => x.toLocaleString('en-GB');
    return `parley match: ${n(lines)} lines, ${n(this.posts)} posts, ${n(this.matched)} matched, ${n(this.skipped)} skipped`;
  }
}
