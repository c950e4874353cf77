// A seeded generator of social-media posts and watch queries for `npm run bench -- match`. The same seed always gives
// the same corpus: posts of 20–60 words drawn from a Zipf-distributed vocabulary with public-service words, some in
// Welsh, with hashtags, mentions, links and emoji; and watches in the mix analysts write.
import { Random } from './random.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MatchablePost } from '../../src/listening/query/index.js';


/** Draws ranks 0…n-1 with probability proportional to 1/(rank+1)^s. */
class Zipf<T> {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly items: readonly T[],
    s: number,
  ) {
    this.cumulative = new Float64Array(items.length);
    let total = 0;
    items.forEach((_, rank) => {
      total += 1 / Math.pow(rank + 1, s);
      this.cumulative[rank] = total;
    });
    this.cumulative.forEach((value, i) => (this.cumulative[i] = value / total));
  }

  draw(random: Random): T {
    const x = random.next();
    let low = 0;
    let high = this.items.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] ?? 1) < x) low = mid + 1;
      else high = mid;
    }
    const item = this.items[low];
    if (item === undefined) throw new Error('empty vocabulary');
    return item;
  }
}

const COMMON = (
  'the to and a of i is in it you that for on my this be have are with not was we at but so just they all can do ' +
  'your me if what about get out like no up our from one will how when there people now by an time more as or been ' +
  'has today why would who still really their need them know any going back still new had after over can’t don’t ' +
  'it’s i’m very only again make day see think even should want week never being us could because years two last ' +
  'good well year then take help here much other first too off where right way look than every said come done'
).split(' ');

const SERVICE = (
  'council benefits library bins police housing tax school hospital nhs appointment recycling pothole road bus train ' +
  'parking fine pension passport licence hmrc refund form application complaint waiting queue helpline phone website ' +
  'online portal scam fraud energy bill rent landlord repair damp mould flood street lights park leisure centre ' +
  'swimming care worker carer disability jobcentre job childcare nursery grant loan student payment universal ' +
  'credit collection bin waste fly tipping planning permission licensing gp doctor ambulance surgery pharmacy dentist ' +
  'vaccine ward emergency crime burglary antisocial noise neighbour tenancy eviction homeless shelter foodbank ' +
  'cost living heating allowance sanctions assessment tribunal appeal deadline delay outage closure strike timetable'
).split(' ');

const WELSH = (
  'y yr a ac i o yn ar mae diolch cyngor llyfrgell biniau heddlu budd-daliadau ysgol ysbyty treth tai gwasanaeth bore ' +
  'da croeso cymru caerdydd abertawe casnewydd bws trên ffordd parcio apwyntiad meddyg cais ffurflen gwefan ar-lein ' +
  'ffôn aros hwyr taliad credyd cynhwysol sgam ailgylchu sbwriel casglu stryd goleuadau parc canolfan hamdden nofio ' +
  'gofal cymdeithasol swydd plant grant benthyciad myfyriwr rhent landlord atgyweirio llifogydd gŵyl eisteddfod ' +
  'cymraeg iaith gwaith wythnos heddiw ddoe yfory pobl teulu cartref ardal sir'
).split(' ');

const WELSH_SERVICE = (
  'cyngor llyfrgell biniau heddlu budd-daliadau ysgol ysbyty treth gwasanaeth apwyntiad meddyg taliad credyd ' +
  'cynhwysol sgam ailgylchu sbwriel goleuadau hamdden gofal benthyciad rhent llifogydd'
).split(' ');
const SYLLABLES = 'ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no pa pe po ra re ri ro sa se si so ta te ti to va ve vi wa we ya yo za ze an el in on ar er or ul ish ent ion ter ver'.split(' ');
const HASHTAGS = 'nhs bins universalcredit costofliving cardiff council potholes recycling libraries police housing energybills ukgov wales cymru strike trains flooding schools jobs benefits'.split(' ');
const DOMAINS = ['www.gov.uk', 'cardiff.gov.uk', 'www.nhs.uk', 'www.bbc.co.uk', 'llyw.cymru', 'news.sky.com', 'example.com', 'www.theguardian.com', 'youtu.be', 'medium.com'];
const EMOJI = ['😡', '🙂', '👍', '🙏', '😂', '💷', '🚮', '🏴󠁧󠁢󠁷󠁬󠁳󠁿', '❤️', '🤦‍♀️'];
const PHRASES = ['universal credit', 'council tax', 'bin collection', 'housing benefit', 'street lights', 'fly tipping', 'cost of living', 'waiting list', 'social care', 'energy bill', 'treth y cyngor', 'credyd cynhwysol', 'planning permission', 'jobcentre appointment'];
const VOCABULARY_SIZE = 50_000;
// Posts and watches must share one vocabulary, whatever their own seeds.
const VOCABULARY_SEED = 0x5eed;
const SOURCES = ['mastodon', 'mastodon', 'bluesky', 'bluesky', 'rss', 'webhook'];

/** The word lists a corpus is built from. */
function vocabulary(random: Random, size: number) {
  const tail = new Set<string>();
  while (tail.size < size) {
    let word = '';
    const syllables = random.int(2, 4);
    for (let i = 0; i < syllables; i++) word += random.pick(SYLLABLES);
    if (!COMMON.includes(word) && !SERVICE.includes(word)) tail.add(word);
  }
  const general = [...COMMON, ...tail];
  const handles = Array.from({ length: 2_000 }, (_, i) =>
    i % 3 === 0 ? `${random.pick(general)}${i}@mastodon.social` : `${random.pick(general)}${i}.bsky.social`,
  );
  return { general, tail: [...tail], handles };
}

/** Generates `count` posts. */
export function generatePosts(count: number, seed: number): MatchablePost[] {
  const random = new Random(seed);
  const { general, handles } = vocabulary(new Random(VOCABULARY_SEED), VOCABULARY_SIZE);
  const generalZipf = new Zipf(general, 1.0);
  const serviceZipf = new Zipf(SERVICE, 0.8);
  const welshZipf = new Zipf(WELSH, 0.9);
  const posts: MatchablePost[] = [];
  for (let n = 0; n < count; n++) {
    const welsh = random.chance(0.06);
    const length = random.chance(0.9) ? random.int(20, 60) : random.int(3, 19);
    const words: string[] = [];
    for (let i = 0; i < length; i++) words.push(welsh && random.chance(0.6) ? welshZipf.draw(random) : generalZipf.draw(random));
    // Most of a firehose is about something else; some posts are about a public service.
    if (random.chance(0.05)) {
      for (let i = random.int(1, 3); i > 0; i--) words[random.int(0, words.length - 1)] = serviceZipf.draw(random);
    }
    words.forEach((word, i) => {
      let written = i === 0 || random.chance(0.03) ? word.charAt(0).toUpperCase() + word.slice(1) : word;
      if (random.chance(0.06)) written += random.pick([',', '.', '!', '?', '…']);
      words[i] = written;
    });
    if (random.chance(0.15)) words.splice(random.int(0, words.length), 0, `#${random.pick(HASHTAGS)}`);
    if (random.chance(0.1)) words.splice(random.int(0, words.length), 0, `@${random.pick(handles)}`);
    if (random.chance(0.1)) words.push(`https://${random.pick(DOMAINS)}/${random.pick(general)}-${random.int(1, 999)}`);
    if (random.chance(0.08)) words.push(random.pick(EMOJI));
    posts.push({
      id: `post-${n}`,
      text: words.join(' '),
      author: random.pick(handles),
      lang: welsh ? 'cy' : 'en',
      source: random.pick(SOURCES),
    });
  }
  return posts;
}

/** A watch as the CLI reads it. */
export interface WatchText {
  id: string;
  query: string;
}

/** Generates `count` watch queries: 1–4 terms, OR groups, phrases, NEAR, prefixes, NOT and fields in a realistic mix. */
export function generateWatches(count: number, seed: number): WatchText[] {
  const random = new Random(seed);
  const { tail, handles } = vocabulary(new Random(VOCABULARY_SEED), VOCABULARY_SIZE);
  // Analysts pick topical words: service words and names from the rarer part of the vocabulary, not "the" or "and".
  const topical = tail.slice(1_500);
  const term = () =>
    random.chance(0.25) ? random.pick(SERVICE) : random.chance(0.05) ? random.pick(WELSH_SERVICE) : random.pick(topical);
  const phrase = () => (random.chance(0.5) ? random.pick(PHRASES) : `${term()} ${term()}`);
  const prefix = () => {
    const word = random.pick(SERVICE.filter((w) => w.length >= 6));
    return `${word.slice(0, random.int(5, word.length - 1))}*`;
  };
  const positional = (): string => random.pick([term, term, term, () => `"${phrase()}"`, prefix])();
  const field = (): string =>
    random.pick([
      () => `#${random.pick(HASHTAGS)}`,
      () => `@${random.pick(handles)}`,
      () => `site:${random.pick(DOMAINS).replace(/^www\./, '')}`,
      () => `author:${random.pick(handles)}`,
      () => `lang:${random.pick(['cy', 'en'])}`,
      () => `source:${random.pick(SOURCES)}`,
    ])();
  const watches: WatchText[] = [];
  for (let n = 0; n < count; n++) {
    const clauses = Array.from({ length: random.pick([1, 1, 1, 2, 2, 2, 2, 3, 3, 4]) }, term);
    const replace = (make: () => string) => (clauses[random.int(0, clauses.length - 1)] = make());
    if (random.chance(0.3)) replace(() => `(${Array.from({ length: random.int(2, 4) }, term).join(' OR ')})`);
    if (random.chance(0.2)) replace(() => `"${phrase()}"`);
    if (random.chance(0.1)) replace(prefix);
    if (random.chance(0.1)) replace(() => `${positional()} ${random.chance(0.7) ? 'NEAR' : 'ONEAR'}/${random.int(1, 10)} ${positional()}`);
    if (random.chance(0.1)) clauses.push(field());
    if (random.chance(0.15)) clauses.push(random.chance(0.7) ? `-${term()}` : `NOT "${phrase()}"`);
    watches.push({ id: `watch-${n}`, query: clauses.join(random.chance(0.5) ? ' ' : ' AND ') });
  }
  return watches;
}

// Part of the file names: change it whenever the generator's output changes, so that stale files are not reused.
const CORPUS_VERSION = 2;

/** Writes the corpus to bench/data/ unless it is there already; returns the two file paths. */
export function ensureCorpus(posts: number, watches: number, seed: number): { postsFile: string; watchesFile: string } {
  const dir = join('bench', 'data');
  mkdirSync(dir, { recursive: true });
  const postsFile = join(dir, `match-posts-v${CORPUS_VERSION}-${seed}-${posts}.ndjson`);
  const watchesFile = join(dir, `match-watches-v${CORPUS_VERSION}-${seed}-${watches}.json`);
  if (!existsSync(postsFile)) {
    writeFileSync(postsFile, generatePosts(posts, seed).map((post) => `${JSON.stringify(post)}\n`).join(''));
  }
  if (!existsSync(watchesFile)) writeFileSync(watchesFile, JSON.stringify(generateWatches(watches, seed + 1), null, 1));
  return { postsFile, watchesFile };
}
