import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sampleFeed } from '../../../../test/fakes/feed-server.js';
import { type FeedParseResult, parseFeed } from './parse-feed.js';

const FETCHED_AT = new Date('2025-06-12T12:00:00.000Z');
const URL_OF_FEED = 'https://www.northmoor.example.org/feed';

interface Item {
  id: string;
  title: string;
  summary: string;
  link: string | null;
  date: Date | null;
  author: string | null;
}

// Words hold the characters that markup and escaping care about, Welsh letters and emoji, but no white space.
const word = fc.string({
  unit: fc.constantFrom('a', 'B', 'ŵ', 'ŷ', 'é', '7', '&', '<', '>', '"', "'", ';', '/', '=', '😀', 'ﬁ', '.'),
  minLength: 1,
  maxLength: 8,
});
const words = (first: string[]) =>
  fc.tuple(fc.constantFrom(...first), fc.array(word, { maxLength: 6 })).map(([a, rest]) => [a, ...rest].join(' '));
// Titles and summaries start differently, so that no summary repeats its title.
const item: fc.Arbitrary<Item> = fc.record({
  id: fc.stringMatching(/^[a-z0-9:-]{1,16}$/),
  title: words(['Bins', 'Libraries', 'Parking', 'Council']),
  summary: fc.oneof(fc.constant(''), words(['Residents', 'Staff', 'Please'])),
  link: fc.option(fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((slug) => `https://www.northmoor.example.org/news/${slug}`)),
  date: fc.option(fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000))),
  author: fc.option(words(['Jo', 'Priya', 'Sam'])),
});
const items = fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 8 });

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// RSS titles and descriptions, and Atom's type="html", are HTML: escaped for HTML, then for XML.
const html = (text: string): string => xml(xml(text));

function toRss(list: Item[]): string {
  const entries = list.map((i) =>
    [
      '<item>',
      `<guid isPermaLink="false">${xml(i.id)}</guid>`,
      `<title>${html(i.title)}</title>`,
      i.summary === '' ? '' : `<description>${html(i.summary)}</description>`,
      i.link === null ? '' : `<link>${xml(i.link)}</link>`,
      i.date === null ? '' : `<pubDate>${i.date.toUTCString()}</pubDate>`,
      i.author === null ? '' : `<dc:creator>${xml(i.author)}</dc:creator>`,
      '</item>',
    ].join('\n'),
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed</title>\n${entries.join('\n')}</channel></rss>`;
}

function toAtom(list: Item[]): string {
  const entries = list.map((i) =>
    [
      '<entry>',
      `<id>${xml(i.id)}</id>`,
      `<title type="text">${xml(i.title)}</title>`,
      i.summary === '' ? '' : `<summary type="html">${html(i.summary)}</summary>`,
      i.link === null ? '' : `<link rel="alternate" href="${xml(i.link)}"/>`,
      i.date === null ? '' : `<updated>${i.date.toISOString()}</updated>`,
      i.author === null ? '' : `<author><name>${xml(i.author)}</name></author>`,
      '</entry>',
    ].join('\n'),
  );
  return `<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title>\n${entries.join('\n')}</feed>`;
}

function toJsonFeed(list: Item[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Feed',
    items: list.map((i) => ({
      id: i.id,
      title: i.title,
      ...(i.summary === '' ? {} : { content_html: xml(i.summary) }),
      ...(i.link === null ? {} : { url: i.link }),
      ...(i.date === null ? {} : { date_published: i.date.toISOString() }),
      ...(i.author === null ? {} : { authors: [{ name: i.author }] }),
    })),
  });
}

function read(body: string): Extract<FeedParseResult, { ok: true }> {
  const result = parseFeed({ body, contentType: null, url: URL_OF_FEED, fetchedAt: FETCHED_AT });
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result;
}

function assertSameItems(list: Item[], body: string): void {
  const feed = read(body);
  assert.deepEqual(feed.skipped, []);
  assert.deepEqual(
    feed.items.map((m) => ({ id: m.externalId, text: m.text, url: m.url, createdAt: m.createdAt, author: m.authorName })),
    list.map((i) => ({
      id: i.id,
      text: i.summary === '' ? i.title : `${i.title}\n\n${i.summary}`,
      url: i.link,
      createdAt: (i.date ?? FETCHED_AT).toISOString(),
      author: i.author,
    })),
  );
}

describe('parseFeed properties', () => {
  it('reads random RSS, Atom and JSON feeds back to the items they were built from', () => {
    fc.assert(
      fc.property(items, (list) => {
        assertSameItems(list, toRss(list));
        assertSameItems(list, toAtom(list));
        assertSameItems(list, toJsonFeed(list));
      }),
    );
  });

  it('never throws on garbage, XML-like fragments, any JSON or damaged sample feeds', () => {
    const fragment = fc.constantFrom('<rss>', '<channel>', '<item>', '</item>', '<title>', '</title>', '<![CDATA[', ']]>',
      '<!DOCTYPE x [<!ENTITY a "b">]>', '&a;', '&amp;', '&#0;', '<feed xmlns="http://www.w3.org/2005/Atom">', '<entry>',
      '<link href="::"/>', '<guid>', '<pubDate>', 'Mon, 99 Foo', '{', '"items":[', ']', '}', '<', '>', '"', '\u0000', ':');
    const damaged = fc
      .tuple(fc.constantFrom('rss', 'atom', 'json', 'rdf') , fc.nat(), fc.nat(), fc.string({ maxLength: 5 }))
      .map(([name, at, cut, insert]) => {
        const text = sampleFeed(name);
        const from = at % text.length;
        return text.slice(0, from) + insert + text.slice(from + (cut % 40));
      });
    const bodies = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join('')),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.array(fc.jsonValue(), { maxLength: 5 }).map((list) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: list })),
      damaged,
    );
    fc.assert(
      fc.property(bodies, fc.option(fc.constantFrom('text/html', 'application/json', 'application/rss+xml')), (body, contentType) => {
        const result = parseFeed({ body, contentType, url: URL_OF_FEED, fetchedAt: FETCHED_AT });
        if (!result.ok) {
          assert.ok(result.error.length > 0);
          return;
        }
        for (const mention of result.items) {
          assert.ok(mention.text.length > 0);
          assert.ok(!Number.isNaN(Date.parse(mention.createdAt)));
          for (const link of [mention.url, ...mention.links]) if (link !== null) assert.match(link, /^https?:\/\//);
        }
      }),
      { numRuns: 300 },
    );
  });
});
