import { Random as SeededRandom } from './random.js';
/** A generated short post and the language it was written in. */
export interface GeneratedPost {
  readonly text: string;
  readonly language: 'en' | 'cy';
}

type Random = () => number;

/** A seeded generator, so every run benchmarks the same posts. */
function seededRandom(seed: number): Random {
  const source = new SeededRandom(seed);
  return () => source.next();
}

function pick<T>(random: Random, items: readonly [T, ...T[]]): T {
  return items[Math.floor(random() * items.length)] ?? items[0];
}

function digits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += String(Math.floor(random() * 10));
  return out;
}

type Make = (random: Random) => string;
const PERSONAL_DATA: readonly [Make, ...Make[]] = [
  (random) => `07${digits(random, 3)} ${digits(random, 6)}`,
  (random) => `+44 20 ${digits(random, 4)} ${digits(random, 4)}`,
  (random) => `resident${digits(random, 3)}@example.com`,
  (random) => `${pick(random, ['AB', 'JH', 'PR', 'SN'])} ${digits(random, 6)} C`,
  (random) => `${pick(random, ['CF10', 'SA1', 'LL57'])} ${digits(random, 1)}${pick(random, ['AB', 'EP', 'XT'])}`,
];

const ENGLISH = {
  openers: ['', '', '', 'Morning all,', '@CardiffCouncil', 'Honestly,', 'Not again:', 'Update:'],
  subjects: [
    'The bins on our road', 'My council tax bill', 'The library in town', 'Our street lights', 'The number 6 bus',
    'The recycling centre', 'My housing benefit claim', 'The pothole outside number 12', 'The swimming pool',
    'The park toilets',
  ],
  predicates: [
    "still haven't been sorted", 'has been closed all week', 'was brilliant today', 'is a total shambles',
    'keeps getting missed', 'went really smoothly, thanks', 'is late again', 'needs fixing urgently',
    'has improved a lot', 'was not good enough',
  ],
  tails: ['', 'this morning', 'for the third time', 'and nobody answers the phone', '#bins', 'well done everyone',
    'so frustrating', 'in Llanelli', 'call me on', 'my details are', 'near Pontypridd', 'on Heol y Parc'],
} as const;

const WELSH = {
  openers: ['', '', '', 'Bore da,', '@CyngorCaerdydd', 'Wir,', 'Eto fyth:', 'Diweddariad:'],
  subjects: [
    "Mae'r biniau ar ein stryd ni", 'Mae fy mil treth gyngor', "Mae'r llyfrgell yn y dref", "Mae goleuadau'r stryd",
    "Mae'r bws rhif 6", "Mae'r ganolfan ailgylchu", 'Mae fy nghais budd-dal tai', "Mae'r twll yn y ffordd",
    "Mae'r pwll nofio", "Mae toiledau'r parc",
  ],
  predicates: [
    'heb gael eu casglu eto', "wedi cau drwy'r wythnos", 'yn wych heddiw', 'yn llanast llwyr', 'yn hwyr eto',
    'angen ei drwsio ar frys', 'wedi gwella llawer', 'ddim yn ddigon da', 'wedi bod yn ardderchog, diolch',
    'yn achosi problemau o hyd',
  ],
  tails: ['', "bore 'ma", 'am y trydydd tro', "a does neb yn ateb y ffôn", '#biniau', 'da iawn bawb', 'mor rhwystredig',
    'yn Llanelli', 'ffoniwch fi ar', 'dyma fy manylion', 'ger Pontypridd', 'ar Heol y Parc'],
} as const;

/**
 * Short English and Welsh posts about council services, half in each language, some naming Welsh places, about one in
 * five carrying a phone number, email address, National Insurance number or postcode. The same seed gives the same
 * posts.
 */
export function generatePosts(count: number, seed = 20_240_601): GeneratedPost[] {
  const random = seededRandom(seed);
  const posts: GeneratedPost[] = [];
  for (let i = 0; i < count; i += 1) {
    const language = random() < 0.5 ? 'en' : 'cy';
    const parts = language === 'en' ? ENGLISH : WELSH;
    const opener = pick(random, parts.openers);
    const predicate = random() < 0.1 ? '' : pick(random, parts.predicates);
    const words: string[] = [opener, pick(random, parts.subjects), predicate, pick(random, parts.tails)];
    if (random() < 0.2) words.push(pick(random, PERSONAL_DATA)(random));
    posts.push({ text: words.filter((word) => word !== '').join(' '), language });
  }
  return posts;
}
