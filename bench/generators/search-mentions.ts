import { Random } from './random.js';
// A seeded generator of stored mentions and search queries for `npm run bench -- search`. The same seed always gives
// the same mentions and queries: short English and Welsh posts about council services over a year, from 20 sources,
// each matching one or two of 30 watches (a few large, most small), words drawn from a Zipf-distributed vocabulary,
// some with emoji, links and personal data; and 100 queries in the mix the search page sees.
import type { PersonalDataKind } from '../../src/listening/enrich/personal-data.js';
import { sentimentLabel } from '../../src/listening/enrich/sentiment.js';
import type { SourceKind } from '../../src/listening/mentions/incoming-mention.js';
import type { StoreMentionInput } from '../../src/listening/mentions/mention-store.js';
import type { SearchOptions } from '../../src/listening/mentions/search.js';


/** Draws ranks 0…n-1 with probability proportional to 1/(rank+1)^s. */
class Zipf {
  private readonly cumulative: number[] = [];

  constructor(n: number, s: number) {
    let total = 0;
    for (let rank = 0; rank < n; rank += 1) {
      total += 1 / (rank + 1) ** s;
      this.cumulative.push(total);
    }
    this.cumulative = this.cumulative.map((c) => c / total);
  }

  draw(random: Random): number {
    const target = random.next();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] ?? 1) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

const ENGLISH_SERVICE = [
  'bins', 'recycling', 'library', 'council', 'tax', 'pothole', 'road', 'bus', 'school', 'parking', 'housing', 'benefit',
  'streetlights', 'park', 'pool', 'leisure', 'centre', 'planning', 'licence', 'rent', 'repairs', 'flooding', 'gritting',
  'collection', 'waste', 'tip', 'fly-tipping', 'noise', 'dog', 'fouling', 'toilets', 'cemetery', 'registrar', 'voting',
  'elections', 'consultation', 'meeting', 'cabinet', 'budget', 'cuts', 'social', 'care', 'carers', 'adoption', 'youth',
  'club', 'museum', 'theatre', 'market', 'trading', 'standards', 'food', 'hygiene', 'pest', 'control', 'transport',
] as const;
const WELSH_SERVICE = [
  'biniau', 'ailgylchu', 'llyfrgell', 'cyngor', 'treth', 'twll', 'ffordd', 'bws', 'ysgol', 'parcio', 'tai', 'budd-dal',
  'goleuadau', 'parc', 'pwll', 'hamdden', 'canolfan', 'cynllunio', 'trwydded', 'rhent', 'atgyweirio', 'llifogydd',
  'graeanu', 'casgliad', 'gwastraff', 'sŵn', 'ci', 'toiledau', 'mynwent', 'pleidleisio', 'etholiad', 'ymgynghoriad',
  'cyfarfod', 'cyllideb', 'gofal', 'gofalwyr', 'ieuenctid', 'amgueddfa', 'theatr', 'marchnad', 'bwyd', 'trafnidiaeth',
] as const;
const ENGLISH_FILLER = [
  'the', 'and', 'to', 'is', 'on', 'again', 'today', 'still', 'not', 'our', 'my', 'for', 'in', 'at', 'was', 'has', 'been',
  'why', 'when', 'great', 'terrible', 'thanks', 'please', 'nobody', 'week', 'morning', 'street', 'closed', 'open', 'late',
  'missed', 'brilliant', 'awful', 'waiting', 'months', 'fixed', 'broken', 'help', 'staff', 'service', 'new', 'old',
] as const;
const WELSH_FILLER = [
  'y', 'a', 'i', 'yn', 'ar', 'eto', 'heddiw', 'o', 'hyd', 'ddim', 'ein', 'fy', 'am', 'mae', 'wedi', 'bod', 'pam', 'pryd',
  'gwych', 'ofnadwy', 'diolch', 'plîs', 'neb', 'wythnos', 'bore', 'stryd', 'ar', 'gau', 'agor', 'hwyr', 'staff',
  'gwasanaeth', 'newydd', 'hen', 'aros', 'misoedd', 'trwsio', 'wedi', 'torri', 'help', 'ffôn', 'Caerdydd',
] as const;
const PLACES = [
  'Cardiff', 'Swansea', 'Abertawe', 'Newport', 'Casnewydd', 'Llanelli', 'Pontypridd', 'Bangor', 'Wrexham', 'Wrecsam',
  'Aberystwyth', 'Carmarthen', 'Caerfyrddin', 'Merthyr', 'Bridgend', 'Pen-y-bont', 'Barry', 'Y Barri', 'Caerphilly',
  'Caerffili', 'Neath', 'Castell-nedd', 'Port Talbot', 'Rhyl', 'Llandudno', 'Conwy', 'Caernarfon', 'Brecon',
  'Aberhonddu', 'Monmouth', 'Mynwy', 'Tenby', 'Dinbych-y-pysgod', 'Haverfordwest', 'Hwlffordd', 'Ebbw Vale',
] as const;
/** Phrases people write (and search for) about council services. */
const COLLOCATIONS = [
  'council tax', 'bin collection', 'Heol y Parc', 'leisure centre', 'housing benefit', 'street lights', 'social care',
  'planning permission', 'y cyngor sir', 'treth y cyngor', 'casgliad biniau', 'canolfan hamdden', 'parking fine',
  'school transport', 'food bank', 'fly-tipping again', 'missed collection', 'opening hours', 'bus pass', 'blue badge',
] as const;
const EMOJI = ['😡', '👍', '🙏', '😂', '🗑️', '🚌', '📚', '💷', '🌧️', '❤️'] as const;
const SYLLABLES = ['ab', 'el', 'wyn', 'dre', 'fan', 'gor', 'lys', 'ton', 'mor', 'pen', 'rhy', 'cae', 'ith', 'ogg', 'ley', 'bur', 'wick', 'ham', 'stan', 'ford'] as const;
const RARE_WORDS = 20_000;

/** The rare words: made-up street and family names, drawn Zipf-wise, so some are common and most are rare. */
function rareWord(rank: number): string {
  let word = '';
  let n = rank + 7;
  do {
    word += SYLLABLES[n % SYLLABLES.length] ?? '';
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return word;
}

/** The sources mentions come from. */
export const SOURCES: readonly { id: string; kind: SourceKind }[] = Array.from({ length: 20 }, (_, i) => ({
  id: `source-${i}`,
  kind: (['rss', 'mastodon', 'bluesky', 'webhook'] as const)[i % 4] ?? 'rss',
}));
/** The watches mentions match. */
export const WATCHES: readonly string[] = Array.from({ length: 30 }, (_, i) => `watch-${i}`);
const PERSONAL: readonly PersonalDataKind[] = ['phone', 'email', 'postcode', 'ni-number'];
const OTHER_LANGUAGES = ['fr', 'de', 'pl', 'und'] as const;

/** The year the mentions are spread over. */
export const SPAN = { start: Date.UTC(2025, 10, 20), end: Date.UTC(2026, 10, 20) };

interface Vocabulary {
  random: Random;
  rare: Zipf;
  watches: Zipf;
}

function words(v: Vocabulary, welsh: boolean): string[] {
  const { random } = v;
  const service = welsh ? WELSH_SERVICE : ENGLISH_SERVICE;
  const filler = welsh ? WELSH_FILLER : ENGLISH_FILLER;
  const length = 6 + random.int(0, 19);
  const out: string[] = [];
  for (let i = 0; i < length; i += 1) {
    const roll = random.next();
    if (roll < 0.03) out.push(random.pick(COLLOCATIONS));
    else if (roll < 0.45) out.push(random.pick(filler));
    else if (roll < 0.72) out.push(random.pick(service));
    else if (roll < 0.8) out.push(random.pick(PLACES));
    else out.push(rareWord(v.rare.draw(random)));
  }
  return out;
}

/** `count` mentions, oldest first, the same for the same seed. */
export function* generateMentions(count: number, seed = 20_261_120): Generator<StoreMentionInput> {
  const v: Vocabulary = { random: new Random(seed), rare: new Zipf(RARE_WORDS, 1.05), watches: new Zipf(WATCHES.length, 1.1) };
  const { random } = v;
  const step = (SPAN.end - SPAN.start) / count;
  for (let i = 0; i < count; i += 1) {
    const roll = random.next();
    const language = roll < 0.7 ? 'en' : roll < 0.95 ? 'cy' : random.pick(OTHER_LANGUAGES);
    const text = words(v, language === 'cy');
    if (random.chance(0.15)) text.push(random.pick(EMOJI));
    const links = random.chance(0.2) ? [`https://news.example/${random.int(0, 49_999)}`] : [];
    const personal = random.chance(0.05) ? [random.pick(PERSONAL)] : [];
    if (personal.length > 0) text.push('call me on 07700 900123');
    const score = Math.round((random.next() * 2 - 1) * 1000) / 1000;
    const source = random.pick(SOURCES);
    const watchIds = [WATCHES[v.watches.draw(random)] ?? 'watch-0'];
    if (random.chance(0.3)) watchIds.push(WATCHES[v.watches.draw(random)] ?? 'watch-0');
    const createdAt = new Date(SPAN.start + i * step + random.int(0, 3_599_999)).toISOString();
    yield {
      sourceId: source.id,
      watchIds,
      mention: {
        sourceKind: source.kind,
        externalId: `bench-${i}`,
        url: `https://social.example/post/${i}`,
        authorHandle: `@user${random.int(0, 199_999)}`,
        authorName: null,
        text: text.join(' '),
        declaredLanguage: null,
        createdAt,
        links,
        hashtags: [],
        mentions: [],
        replyTo: null,
      },
      enrichment: {
        language,
        languageConfidence: 0.9,
        sentiment: { score, label: sentimentLabel(score) },
        personalData: { kinds: personal, spans: [] },
      },
    };
  }
}

/** A query of the benchmark, and which page of its results is timed (page 2 follows the first page's cursor). */
export interface BenchQuery {
  options: Omit<SearchOptions, 'after' | 'limit'>;
  page: 1 | 2;
}

type Make = (v: Vocabulary) => Omit<SearchOptions, 'after' | 'limit'>;

const days = (n: number): string => new Date(SPAN.end - n * 86_400_000).toISOString();
/** A word people search for: a service or a place, or a street or family name (not the commonest few, which are as
 * frequent as "the"). */
const someWord = (v: Vocabulary): string =>
  v.random.chance(0.5) ? v.random.pick([...ENGLISH_SERVICE, ...WELSH_SERVICE, ...PLACES]) : rareWord(20 + v.rare.draw(v.random));
/** Mostly a phrase people write; sometimes two words that happen to stand together in a post. */
const somePhrase = (v: Vocabulary): string => {
  if (v.random.chance(0.7)) return `"${v.random.pick(COLLOCATIONS)}"`;
  const post = words(v, v.random.chance(0.3));
  const at = v.random.int(0, post.length - 2);
  return `"${post.slice(at, at + 2).join(' ')}"`;
};
const someWatch = (v: Vocabulary): string => WATCHES[v.random.int(0, WATCHES.length - 1)] ?? 'watch-0';

/** The mix: words, phrases and filters, alone and together, newest first and by relevance. */
const MAKERS: readonly [number, Make][] = [
  [14, (v) => ({ text: someWord(v), sort: 'newest' })],
  [10, (v) => ({ text: `${someWord(v)} ${someWord(v)}`, sort: 'relevance' })],
  [8, (v) => ({ text: somePhrase(v), sort: 'relevance' })],
  [12, (v) => ({ watchIds: [someWatch(v)], sort: 'newest' })],
  [8, (v) => ({ languages: ['cy'], sentiment: [v.random.pick(['negative', 'positive'] as const)], sort: 'newest' })],
  [10, (v) => ({ text: someWord(v), watchIds: [someWatch(v)], from: days(30), sort: 'newest' })],
  [8, (v) => ({ text: someWord(v), languages: [v.random.pick(['en', 'cy'])], sort: 'relevance' })],
  [6, (v) => ({ sourceIds: [v.random.pick(SOURCES).id], personalData: true, sort: 'newest' })],
  [6, (v) => ({ text: someWord(v), sourceKinds: [v.random.pick(SOURCES).kind], sentiment: ['negative'], sort: 'newest' })],
  [6, (v) => ({ from: days(7), to: days(1), watchIds: [someWatch(v), someWatch(v)], sort: 'newest' })],
  [6, (v) => ({ text: `${someWord(v)} ${somePhrase(v)}`, from: days(90), sort: 'relevance' })],
  [6, () => ({ sort: 'newest' })],
];

/** `count` queries in the mix, the same for the same seed; about one in five times its second page. */
export function generateQueries(count: number, seed = 20_261_121): BenchQuery[] {
  const v: Vocabulary = { random: new Random(seed), rare: new Zipf(2_000, 1.05), watches: new Zipf(WATCHES.length, 1.1) };
  const total = MAKERS.reduce((sum, [weight]) => sum + weight, 0);
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i += 1) {
    let roll = v.random.next() * total;
    const maker = MAKERS.find(([weight]) => (roll -= weight) < 0)?.[1] ?? (() => ({ sort: 'newest' }));
    queries.push({ options: maker(v), page: v.random.chance(0.2) ? 2 : 1 });
  }
  return queries;
}
