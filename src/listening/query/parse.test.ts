import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { QueryNode } from './ast.js';
import { parseQuery, type QueryError } from './parse.js';

function tree(text: string): QueryNode {
  const result = parseQuery(text);
  assert.ok(result.ok, `${text}: ${JSON.stringify(result)}`);
  return result.query;
}

function errors(text: string): QueryError[] {
  const result = parseQuery(text);
  assert.ok(!result.ok, `${text} should not parse`);
  return result.errors;
}

function onlyError(text: string): QueryError {
  const [first, ...rest] = errors(text);
  assert.ok(first);
  assert.deepEqual(rest, [], `${text} has one error`);
  return first;
}

const term = (word: string): QueryNode => ({ kind: 'term', word });

describe('parseQuery: terms, phrases and prefixes', () => {
  it('folds case and diacritics, so Welsh place names match however they are typed', () => {
    for (const text of ['Caerdydd', 'CAERDYDD', 'Cáerdydd']) assert.deepEqual(tree(text), term('caerdydd'));
    assert.deepEqual(tree('Ŵyl'), term('wyl'));
  });

  it('reads a word that the tokeniser splits as a phrase', () => {
    assert.deepEqual(tree("don't"), { kind: 'phrase', words: ['don', 't'] });
    assert.deepEqual(tree('e-mail'), { kind: 'phrase', words: ['e', 'mail'] });
  });

  it('reads quoted text as a phrase, and one quoted word as a term', () => {
    assert.deepEqual(tree('"Universal Credit"'), { kind: 'phrase', words: ['universal', 'credit'] });
    assert.deepEqual(tree('"council"'), term('council'));
    assert.deepEqual(tree('“universal credit”'), { kind: 'phrase', words: ['universal', 'credit'] }, 'curly quotes');
  });

  it('reads word* as a prefix of at least three letters', () => {
    assert.deepEqual(tree('Benefit*'), { kind: 'prefix', stem: 'benefit' });
    assert.deepEqual(tree('ben*'), { kind: 'prefix', stem: 'ben' });
  });

  it('treats lower-case and, or and not as words', () => {
    assert.deepEqual(tree('rock and roll'), { kind: 'and', operands: [term('rock'), term('and'), term('roll')] });
    assert.deepEqual(tree('not'), term('not'));
  });
});

describe('parseQuery: operators', () => {
  it('ANDs clauses side by side and flattens nested ANDs', () => {
    const expected: QueryNode = { kind: 'and', operands: [term('a'), term('b'), term('c')] };
    assert.deepEqual(tree('a b c'), expected);
    assert.deepEqual(tree('a AND (b AND c)'), expected);
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    assert.deepEqual(tree('a b OR c -d'), {
      kind: 'or',
      operands: [
        { kind: 'and', operands: [term('a'), term('b')] },
        { kind: 'and', operands: [term('c'), { kind: 'not', operand: term('d') }] },
      ],
    });
    assert.deepEqual(tree('a AND NOT b'), { kind: 'and', operands: [term('a'), { kind: 'not', operand: term('b') }] });
  });

  it('groups with brackets', () => {
    assert.deepEqual(tree('"universal credit" AND (payment OR late) -scam'), {
      kind: 'and',
      operands: [
        { kind: 'phrase', words: ['universal', 'credit'] },
        { kind: 'or', operands: [term('payment'), term('late')] },
        { kind: 'not', operand: term('scam') },
      ],
    });
  });

  it('reads - before a word, a phrase or a group as AND NOT', () => {
    assert.deepEqual(tree('council -"council tax" -(bins OR recycling)'), {
      kind: 'and',
      operands: [
        term('council'),
        { kind: 'not', operand: { kind: 'phrase', words: ['council', 'tax'] } },
        { kind: 'not', operand: { kind: 'or', operands: [term('bins'), term('recycling')] } },
      ],
    });
  });

  it('reads NEAR/n and ONEAR/n between words, phrases, prefixes and bracketed ORs', () => {
    assert.deepEqual(tree('(pay OR payment*) NEAR/3 "too late"'), {
      kind: 'near',
      left: [term('pay'), { kind: 'prefix', stem: 'payment' }],
      right: [{ kind: 'phrase', words: ['too', 'late'] }],
      distance: 3,
      ordered: false,
    });
    assert.deepEqual(tree('bin ONEAR/1 collection'), { kind: 'near', left: [term('bin')], right: [term('collection')], distance: 1, ordered: true });
  });

  it('binds NEAR tighter than NOT and AND', () => {
    assert.deepEqual(tree('council -bin NEAR/2 late'), {
      kind: 'and',
      operands: [term('council'), { kind: 'not', operand: { kind: 'near', left: [term('bin')], right: [term('late')], distance: 2, ordered: false } }],
    });
  });

  it('reads a query over several lines', () => {
    assert.deepEqual(tree('council\nAND\ttax'), { kind: 'and', operands: [term('council'), term('tax')] });
  });
});

describe('parseQuery: fields', () => {
  it('reads every field, in either spelling for hashtags and mentions', () => {
    const field = (f: string, value: string) => ({ kind: 'field', field: f, value });
    assert.deepEqual(tree('author:@DWP'), field('author', 'dwp'));
    assert.deepEqual(tree('author:dwp@mastodon.social'), field('author', 'dwp@mastodon.social'));
    assert.deepEqual(tree('author:did:plc:abc123'), field('author', 'did:plc:abc123'));
    assert.deepEqual(tree('lang:CY'), field('lang', 'cy'));
    assert.deepEqual(tree('lang:en-GB'), field('lang', 'en'));
    assert.deepEqual(tree('source:Bluesky'), field('source', 'bluesky'));
    assert.deepEqual(tree('site:GOV.UK'), field('site', 'gov.uk'));
    assert.deepEqual(tree('hashtag:NHS'), field('hashtag', 'nhs'));
    assert.deepEqual(tree('#Cymraeg'), field('hashtag', 'cymraeg'));
    assert.deepEqual(tree('mention:nhs.bsky.social'), field('mention', 'nhs.bsky.social'));
    assert.deepEqual(tree('@DWP'), field('mention', 'dwp'));
    assert.deepEqual(tree('Author:dwp'), field('author', 'dwp'), 'field names in any case');
  });

  it('takes 10:30 as words, not a field', () => {
    assert.deepEqual(tree('10:30'), { kind: 'phrase', words: ['10', '30'] });
  });
});

describe('parseQuery: what a query must be', () => {
  it('rejects an empty query', () => {
    assert.match(onlyError('   ').message, /The query is empty/);
  });

  it('rejects a query that only leaves things out', () => {
    for (const text of ['NOT scam', '-scam', '-a -b']) {
      const error = onlyError(text);
      assert.equal(error.message, 'A watch must look for something, not only leave things out: add a word to find, like council -scam.');
      assert.equal(error.offset, 0);
    }
  });

  it('rejects an OR side that only leaves things out, pointing at that side', () => {
    const error = onlyError('council OR -scam');
    assert.match(error.message, /Each side of OR must look for something by itself/);
    assert.deepEqual([error.column, error.length], [12, 5]);
  });

  it('wants every side of an OR to look for something, even inside a NOT', () => {
    assert.ok(!parseQuery('council AND NOT (tax OR -bins)').ok);
    assert.ok(parseQuery('council AND NOT (tax OR bins)').ok);
  });

  it('rejects two NOTs in a row', () => {
    assert.equal(onlyError('council NOT -tax').message, 'Two NOTs cancel each other out: remove both.');
  });

  it('limits a query to 4,096 characters', () => {
    const error = onlyError('a'.repeat(4097));
    assert.equal(error.message, 'A query can be at most 4,096 characters long and this one has 4,097: split it into several watches.');
    assert.equal(error.column, 4097);
    assert.ok(parseQuery('a'.repeat(4096)).ok);
  });

  it('counts characters as people see them: an emoji flag is one', () => {
    const flag = '🏴󠁧󠁢󠁷󠁬󠁳󠁿';
    assert.match(onlyError(`cymru ${flag.repeat(4000)}`).message, /has no letters or digits/, 'not too long');
    assert.equal(onlyError(`${flag} "x`).column, 3);
  });

  it('limits a query to 256 words, phrases and fields', () => {
    assert.ok(parseQuery(Array.from({ length: 256 }, (_, i) => `w${i}`).join(' OR ')).ok);
    const error = onlyError(Array.from({ length: 300 }, (_, i) => `w${i}`).join(' OR '));
    assert.equal(error.message, 'A query can have at most 256 words, phrases and fields, and this one has 300: split it into several watches.');
    assert.equal(error.offset, Array.from({ length: 256 }, (_, i) => `w${i} OR `).join('').length);
  });

  it('limits the NEAR distance to 1–50', () => {
    assert.ok(parseQuery('a NEAR/1 b').ok && parseQuery('a NEAR/50 b').ok);
    for (const distance of ['0', '51', '100']) {
      const error = onlyError(`pay NEAR/${distance} late`);
      assert.equal(error.message, `The NEAR distance must be a whole number from 1 to 50, not ${distance}.`);
      assert.deepEqual([error.column, error.length], [5, 5 + distance.length]);
    }
  });
});

describe('parseQuery: error messages', () => {
  const cases: [query: string, message: string, column: number][] = [
    ['council "universal credit', 'Close the quote opened at column 9: a phrase needs a " at each end.', 9],
    ['(bins OR recycling', 'Close the bracket opened at column 1: add a ) where the group ends.', 1],
    ['bins)', 'This ) has no ( before it: remove it, or add a ( where the group starts.', 5],
    ['council ()', 'These brackets are empty: put words inside them or remove them.', 9],
    ['council OR', 'Add a word, phrase or group after OR.', 9],
    ['council AND', 'Add a word, phrase or group after AND.', 9],
    ['council NOT', 'Add a word, phrase or group after NOT.', 9],
    ['(bins OR)', 'Add a word, phrase or group after OR.', 7],
    ['OR council', 'OR needs something on both sides, like council OR library.', 1],
    ['NEAR/3 late', 'NEAR/3 needs something on both sides, like pay NEAR/3 late.', 1],
    ['council AND OR tax', 'AND and OR are next to each other: put a word between them or remove one.', 9],
    ['pay NEAR late', 'NEAR needs a distance, like NEAR/5: the most words allowed between the two sides.', 5],
    ['pay ONEAR/x late', 'ONEAR needs a distance, like ONEAR/5: the most words allowed between the two sides.', 5],
    ['pay near/5 late', 'Write NEAR in capital letters, like NEAR/5. To search for the word near, leave out the /.', 5],
    ['#nhs NEAR/3 late', 'NEAR can only join words, phrases, word* or bracketed ORs of those, like (pay OR payment) NEAR/3 late.', 1],
    ['(a b) NEAR/3 late', 'NEAR can only join words, phrases, word* or bracketed ORs of those, like (pay OR payment) NEAR/3 late.', 2],
    ['pay NEAR/3 late NEAR/2 rent', 'Use one NEAR at a time and join them with AND, like (pay NEAR/3 late) AND (late NEAR/3 rent).', 17],
    ['be*', 'Put at least 3 letters before the *, like benefit*: “be*” would match too many words.', 1],
    ['ben*fit', 'A * can only go at the end of a single word, like benefit*.', 1],
    ['*', 'A * can only go at the end of a single word, like benefit*.', 1],
    ['"universal cred*"', 'A * does not work inside quotes: remove it, or use word* outside the quotes.', 1],
    ['council 🙂', '“🙂” has no letters or digits, so it can\'t be searched for: remove it.', 9],
    ['council "!!"', 'These quotes have no words in them: put words inside them or remove them.', 9],
    ['council - scam', 'Put the minus sign right before what to leave out, with no space, like -scam.', 9],
    ['council --scam', 'A minus sign can only leave out a whole clause, like -scam: not twice in a row, nor inside NEAR.', 10],
    ['title:council', 'There is no field called title: use author:, lang:, source:, site:, hashtag: or mention:. To search for the text itself, put it in quotes.', 1],
    ['https://gov.uk', 'To find posts that link to a website, use site: with its domain, like site:gov.uk.', 1],
    ['author:', 'Add a value after author:, like author:dwp.', 1],
    ['council #', 'Add a value after #, like #nhs.', 9],
    ['lang:welsh', 'lang: takes a two-letter language code, like lang:cy for Welsh or lang:en for English; “welsh” is not one.', 1],
    ['lang:xx', 'lang: takes a two-letter language code, like lang:cy for Welsh or lang:en for English; “xx” is not one.', 1],
    ['source:twitter', 'source: must be mastodon, bluesky, rss or webhook, not “twitter”.', 1],
    ['site:https://www.gov.uk/x', "site: takes a website's domain name, like site:gov.uk, without https:// or a path; “https://www.gov.uk/x” is not one.", 1],
    ['#nhs!', 'A hashtag can have only letters, digits and _, like #nhs; “nhs!” has others.', 1],
    ['@!dwp', '“!dwp” is not a handle: write it like @dwp, @dwp@mastodon.social or @dwp.bsky.social.', 1],
  ];
  for (const [query, message, column] of cases) {
    it(`explains ${query}`, () => {
      const error = onlyError(query);
      assert.equal(error.message, message);
      assert.equal(error.line, 1);
      assert.equal(error.column, column);
    });
  }

  it('lists every problem it can find, in order', () => {
    const found = errors('be* lang:xx pay NEAR late 🙂');
    assert.deepEqual(
      found.map((e) => e.column),
      [1, 5, 17, 27],
    );
  });

  it('lists every unbalanced bracket and quote', () => {
    assert.deepEqual(
      errors('a) (b').map((e) => [e.column, e.message.slice(0, 20)]),
      [
        [2, 'This ) has no ( befo'],
        [4, 'Close the bracket op'],
      ],
    );
  });

  it('gives line and column on a query of several lines, and the offset and length for highlighting', () => {
    const [bracket, quote] = errors('council\nAND (tax OR\n  bins "late');
    assert.deepEqual([bracket?.line, bracket?.column, bracket?.offset, bracket?.length], [2, 5, 12, 1]);
    assert.equal(bracket?.message, 'Close the bracket opened at line 2, column 5: add a ) where the group ends.');
    assert.deepEqual([quote?.line, quote?.column, quote?.offset, quote?.length], [3, 8, 27, 1]);
    assert.equal(quote?.message, 'Close the quote opened at line 3, column 8: a phrase needs a " at each end.');
  });

  it('counts columns in characters a person sees, not in code units', () => {
    assert.equal(onlyError('🙂🙂 OR').column, 4);
    assert.equal(onlyError('🙂🙂 OR').offset, 5);
  });
});
