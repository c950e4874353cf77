import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { sampleFeed, sampleFeeds } from '../../../../test/fakes/feed-server.js';
import type { IncomingMention } from '../../mentions/incoming-mention.js';
import { type FeedInput, type FeedParseResult, parseFeed } from './parse-feed.js';

const FETCHED_AT = new Date('2025-06-12T12:00:00.000Z');

function parse(body: string, contentType: string | null = null, url = 'https://www.northmoor.example.org/feed'): FeedParseResult {
  const input: FeedInput = { body, contentType, url, fetchedAt: FETCHED_AT };
  return parseFeed(input);
}

function parsed(body: string, url?: string): Extract<FeedParseResult, { ok: true }> {
  const result = parse(body, null, url);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result;
}

function failure(body: string, contentType: string | null = null): string {
  const result = parse(body, contentType);
  assert.equal(result.ok, false);
  return result.error;
}

function itemAt(feed: { items: IncomingMention[] }, index: number): IncomingMention {
  const item = feed.items[index];
  assert.ok(item, `there is no item ${index}`);
  return item;
}

const rss = (items: string, channel = '<title>T</title>'): string =>
  `<?xml version="1.0"?><rss version="2.0"><channel>${channel}${items}</channel></rss>`;

describe('parseFeed: RSS 2.0', () => {
  const feed = parsed(sampleFeed('rss'), 'https://www.northmoor.example.org/news/feed.rss');

  it('reads the channel title and each item as a mention', () => {
    assert.equal(feed.title, 'Northmoor Borough Council – News');
    assert.equal(feed.items.length, 4);
    const bins = itemAt(feed, 0);
    assert.deepEqual(bins, {
      sourceKind: 'rss',
      externalId: 'northmoor-news-4711',
      url: 'https://www.northmoor.example.org/news/garden-waste-restart',
      authorHandle: null,
      authorName: 'Communications Team',
      text:
        'Garden waste collections restart on Monday\n\nBrown bin collections restart on Monday 16 June after the crews ' +
        'were moved to cover staff sickness. Check your day on the collection calendar or report a missed bin online. ' +
        '#GardenWaste #Recycling',
      declaredLanguage: 'en-gb',
      createdAt: '2025-06-10T08:30:00.000Z',
      links: [
        'https://www.northmoor.example.org/bins/collection-days',
        'https://www.northmoor.example.org/bins/report?ref=rss&src=news',
      ],
      hashtags: ['GardenWaste', 'Recycling'],
      mentions: [],
      replyTo: null,
    });
  });

  it('reads escaped HTML descriptions, resolves relative links against the item link and reads RSS authors', () => {
    const tax = itemAt(feed, 1);
    assert.equal(tax.url, 'https://www.northmoor.example.org/news/council-tax-direct-debit');
    assert.match(tax.text, /^Council tax: direct debit dates are changing & what you need to do\n\nFrom July/);
    assert.match(tax.text, /You don’t need to do anything unless you pay on the 28th — see new dates\.$/);
    assert.deepEqual(tax.links, ['https://www.northmoor.example.org/news/council-tax/dates']);
    assert.equal(tax.authorName, 'Revenues and Benefits');
  });

  it('uses the link when there is no guid, and the fetch time when there is no date', () => {
    const libraries = itemAt(feed, 2);
    assert.equal(libraries.externalId, 'https://www.northmoor.example.org/news/libraries-late-thursdays');
    assert.equal(libraries.createdAt, FETCHED_AT.toISOString());
    assert.equal(libraries.text, 'Libraries open later on Thursdays\n\nAll six branch libraries now stay open until 8pm on Thursdays.');
  });

  it('takes a permalink guid for the link of an item without title or link', () => {
    const road = itemAt(feed, 3);
    assert.equal(road.url, 'https://www.northmoor.example.org/roads/station-road-closure');
    assert.equal(road.text, 'Road closure on Station Road, 12–14 June, for resurfacing. Diversions are signed.');
    assert.equal(road.createdAt, '2025-06-07T07:15:00.000Z');
  });

  it('skips the empty item and says why', () => {
    assert.deepEqual(feed.skipped, [{ index: 3, reason: 'it has neither a title nor any text' }]);
  });
});

describe('parseFeed: Atom 1.0', () => {
  const feed = parsed(sampleFeed('atom'), 'https://libraries.northmoor.example.org/feeds/news.atom');

  it('reads html summaries, resolving links against xml:base, and the entry author', () => {
    assert.equal(feed.title, 'Northmoor Libraries');
    const summer = itemAt(feed, 0);
    assert.equal(summer.externalId, 'tag:libraries.northmoor.example.org,2025:news/summer-reading');
    assert.equal(summer.url, 'https://libraries.northmoor.example.org/news/summer-reading-challenge');
    assert.equal(summer.text, 'Summer Reading Challenge 2025 starts\n\nChildren aged 4–11 can sign up at any branch. How it works.');
    assert.deepEqual(summer.links, ['https://libraries.northmoor.example.org/news/summer-reading-challenge#how']);
    assert.equal(summer.authorName, 'Priya Shah');
    assert.equal(summer.createdAt, '2025-06-11T06:30:00.000Z');
    assert.equal(summer.declaredLanguage, 'en-GB');
  });

  it('reads inline XHTML content, the entry language and the feed author', () => {
    const welsh = itemAt(feed, 1);
    assert.equal(welsh.text, 'Amseroedd agor newydd Llyfrgell Ganolog\n\nBydd y llyfrgell ar agor tan 8yh bob dydd Iau. Gweler y rhestr lawn. #LlyfrgellGanolog');
    assert.deepEqual(welsh.links, ['https://libraries.northmoor.example.org/cy/oriau']);
    assert.deepEqual(welsh.hashtags, ['LlyfrgellGanolog']);
    assert.equal(welsh.declaredLanguage, 'cy');
    assert.equal(welsh.authorName, 'Northmoor Libraries');
    assert.equal(welsh.createdAt, '2025-06-10T12:00:00.000Z');
  });

  it('strips an html title, keeps text content as text and takes the fetch time for an unreadable date', () => {
    const ebooks = itemAt(feed, 2);
    assert.match(ebooks.text, /^Ebook service back after outage\n\nBorrowing ebooks/);
    assert.equal(ebooks.createdAt, FETCHED_AT.toISOString());
  });

  it('skips an entry whose only content is out of line', () => {
    assert.deepEqual(feed.skipped, [{ index: 3, reason: 'it has neither a title nor any text' }]);
  });

  it('keeps the text of a text construct literally, markup-looking characters included', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>Use &lt;b&gt; &amp;amp; more</title></entry></feed>`;
    assert.equal(itemAt(parsed(atom), 0).text, 'Use <b> &amp; more');
  });
});

describe('parseFeed: JSON Feed', () => {
  const feed = parsed(sampleFeed('json'), 'https://benefits.northmoor.example.org/updates.json');

  it('reads summaries, HTML and text content, authors and languages', () => {
    assert.equal(feed.title, 'Northmoor Benefits Service: updates');
    assert.deepEqual(
      feed.items.map((m) => [m.externalId, m.authorName, m.declaredLanguage, m.createdAt]),
      [
        ['2025-06-12-phone-lines', 'Benefits Service', 'en-GB', '2025-06-12T07:45:00.000Z'],
        ['20250611', 'Sam Okafor', 'en-GB', '2025-06-11T10:00:00.000Z'],
        ['2025-06-10-cost-of-living', 'Benefits Service', 'en', '2025-06-10T09:00:00.000Z'],
      ],
    );
    assert.deepEqual(itemAt(feed, 0).hashtags, ['HousingBenefit']);
    assert.equal(itemAt(feed, 1).url, 'https://benefits.northmoor.example.org/updates/evidence-upload');
    assert.deepEqual(itemAt(feed, 1).links, ['https://benefits.northmoor.example.org/evidence']);
    assert.equal(itemAt(feed, 2).url, null);
  });

  it('skips items that are not objects or whose fields have the wrong type, naming the field', () => {
    assert.deepEqual(feed.skipped, [
      { index: 3, reason: 'it is not a JSON object' },
      { index: 4, reason: 'its "id" is not valid (expected text or a number)' },
    ]);
  });

  it('says what is wrong with JSON that is not a JSON Feed', () => {
    assert.match(failure('{"items": []}'), /^It is JSON but not a JSON Feed: "version" is not valid \(expected https:\/\/jsonfeed.org\/version\/1.1\)\.$/);
    assert.match(failure('{"version": "https://jsonfeed.org/version/1.1", "items": 3}'), /"items" is not valid \(expected a list of items\)/);
    assert.match(failure('{"version": '), /^It is not valid JSON: /);
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items beside the channel, with Dublin Core dates and creators', () => {
    const feed = parsed(sampleFeed('rdf'));
    assert.equal(feed.title, 'Northmoor planning applications');
    assert.deepEqual(
      feed.items.map((m) => [m.externalId, m.createdAt, m.authorName, m.declaredLanguage]),
      [
        ['https://planning.northmoor.example.org/applications/25-00412', '2025-06-09T10:20:00.000Z', 'Planning Services', 'en-GB'],
        ['https://planning.northmoor.example.org/applications/25-00413', '2025-06-09T00:00:00.000Z', null, 'en-GB'],
      ],
    );
  });
});

describe('parseFeed: items', () => {
  it('skips an item that repeats an earlier id', () => {
    const feed = parsed(rss('<item><guid>a</guid><title>One</title></item><item><guid>a</guid><title>Two</title></item>'));
    assert.deepEqual(feed.items.map((m) => m.text), ['One']);
    assert.deepEqual(feed.skipped, [{ index: 1, reason: 'it has the same id as an earlier item (a)' }]);
  });

  it('makes an id from the title and date when there is neither guid nor link, stable across fetches', () => {
    const items = '<item><title>Bins</title><pubDate>Tue, 10 Jun 2025 09:30:00 GMT</pubDate></item><item><description>No title</description></item>';
    const first = parsed(rss(items));
    const again = parsed(rss(items));
    assert.match(itemAt(first, 0).externalId, /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(itemAt(first, 0).externalId, itemAt(first, 1).externalId);
    assert.deepEqual(first.items.map((m) => m.externalId), again.items.map((m) => m.externalId));
  });

  it('hashes an id too long to keep', () => {
    const feed = parsed(rss(`<item><guid>${'x'.repeat(600)}</guid><title>Long</title></item>`));
    assert.match(itemAt(feed, 0).externalId, /^sha256:/);
  });

  it('keeps the title once when the description repeats it, and takes hashtags but not link anchors or numbers', () => {
    const items =
      '<item><title>Missed bin again #bins</title><description>Missed bin again #bins on Elm St, see https://example.org/a#top, item #2, #Caerdydd&amp;#x1F44D;</description></item>' +
      '<item><title>Potholes on the…</title><description>Potholes on the A470 near Pontypridd</description></item>';
    const feed = parsed(rss(items));
    assert.equal(itemAt(feed, 0).text, 'Missed bin again #bins on Elm St, see https://example.org/a#top, item #2, #Caerdydd👍');
    assert.deepEqual(itemAt(feed, 0).hashtags, ['bins', 'Caerdydd']);
    assert.equal(itemAt(feed, 1).text, 'Potholes on the A470 near Pontypridd');
  });

  it('reads Dublin Core and undeclared well-known prefixes, and content:encoded when there is no description', () => {
    const items = '<item><title>T</title><dc:creator>Jo</dc:creator><content:encoded><![CDATA[<p>Full <i>story</i></p>]]></content:encoded></item>';
    const item = itemAt(parsed(rss(items)), 0);
    assert.equal(item.authorName, 'Jo');
    assert.equal(item.text, 'T\n\nFull story');
  });

  it('never keeps markup: scripts, styles and tags are dropped from titles and descriptions', () => {
    const items = '<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Hi</title><description><![CDATA[<img src=x onerror=alert(1)><b>there</b><style>b{}</style>]]></description></item>';
    assert.equal(itemAt(parsed(rss(items)), 0).text, 'Hi\n\nthere');
  });

  it('reads elements named like JavaScript internals as ordinary unknown elements', () => {
    const items = '<item><title>Safe</title><__proto__>x</__proto__><constructor a="1">y</constructor><toString>z</toString></item>';
    const feed = parsed(rss(items));
    assert.equal(itemAt(feed, 0).text, 'Safe');
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'x'), false);
  });
});

describe('parseFeed: documents that are not feeds', () => {
  it('says so, naming what the body is', () => {
    assert.equal(failure('   ', 'application/rss+xml'), 'The answer was empty (content type application/rss+xml).');
    assert.equal(failure('Service unavailable', 'text/plain'), 'It is neither XML nor JSON, so not a feed (content type text/plain).');
    assert.match(failure('<!DOCTYPE html><html><body><p>Council news</p></body></html>'), /^It is a web page, not a feed/);
    assert.match(failure('<html><p>x</p></html>', null), /^It is a web page/);
    assert.match(failure('<p>x</p>', 'text/html; charset=utf-8'), /^It is a web page/);
    assert.equal(failure('<?xml version="1.0"?><opml version="2.0"/>'), 'It is XML but not a feed: its root element is <opml>, where RSS has <rss> or <rdf:RDF> and Atom <feed>.');
    assert.equal(failure('<rss version="2.0"><title>No channel</title></rss>'), 'It is an RSS document without a <channel> element.');
    assert.match(failure('<feed xmlns="http://purl.org/atom/ns#" version="0.3"/>'), /Atom 0\.3/);
    assert.match(failure('<!-- only a comment -->'), /^It is not XML: it has no element\.$/);
  });

  it('reads a feed behind a byte-order mark, and one served as text/html by mistake', () => {
    assert.equal(parse(`\uFEFF${rss('<item><title>A</title></item>')}`, 'text/xml').ok, true);
    assert.equal(parse(rss('<item><title>A</title></item>'), 'text/html').ok, true);
  });

  it('reads a feed whose content type says JSON but whose body is RSS, by what the body holds', () => {
    assert.equal(parse(rss('<item><title>A</title></item>'), 'application/json').ok, true);
  });

  it('reads RSS 0.91 with its public DOCTYPE', () => {
    const old =
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">' +
      '<rss version="0.91"><channel><title>Old</title><item><title>Still here</title><link>http://example.org/1</link></item></channel></rss>';
    assert.deepEqual(parsed(old).items.map((m) => m.url), ['http://example.org/1']);
  });
});

describe('parseFeed: XML entity attacks', () => {
  it('does not expand nested entities ("billion laughs")', () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const body = `<?xml version="1.0"?><!DOCTYPE rss [${levels.join('')}]>${rss('<item><title>&lol9;</title></item>')}`;
    const result = parse(body);
    const text = result.ok ? itemAt(result, 0).text : result.error;
    assert.ok(text.length < 1000, `${text.length} characters`);
  });

  it('refuses a document whose entities would add more than 100,000 characters (quadratic blow-up)', () => {
    const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${'x'.repeat(900)}">]>${rss(`<item><title>${'&a;'.repeat(2000)}</title></item>`)}`;
    assert.match(failure(body), /^It is not XML that Parley can read: .*limit exceeded/);
  });

  it('refuses entities that are too large or too many, and external entities', () => {
    assert.match(failure(`<!DOCTYPE rss [<!ENTITY a "${'x'.repeat(2000)}">]>${rss('')}`), /size \(2000\) exceeds maximum/);
    const many = Array.from({ length: 60 }, (_, i) => `<!ENTITY e${i} "x">`).join('');
    assert.match(failure(`<!DOCTYPE rss [${many}]>${rss('')}`), /Entity count \(51\) exceeds maximum/);
    assert.match(failure(`<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>${rss('<item><title>&x;</title></item>')}`), /External entities are not supported/);
  });

  it('refuses elements nested deeper than any feed needs', () => {
    assert.match(failure(rss(`<item><title>${'<b>'.repeat(200)}x${'</b>'.repeat(200)}</title></item>`)), /nested tags/i);
  });

  it('keeps what a sample feed served with each content type gives', () => {
    for (const name of ['rss', 'atom', 'json', 'rdf'] as const) {
      assert.equal(parse(sampleFeed(name), sampleFeeds[name].contentType).ok, true, name);
    }
  });
});
