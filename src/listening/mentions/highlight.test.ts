import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { highlightSnippet, type SnippetSegment } from './highlight.js';
import { parseSearchText } from './search-query.js';

const snippet = (text: string, query: string, maxLength?: number): SnippetSegment[] => highlightSnippet(text, parseSearchText(query), maxLength);
const matched = (segments: SnippetSegment[]): string[] => segments.filter((s) => s.match).map((s) => s.text);

describe('highlighting', () => {
  it('marks each searched word as written, whatever its case and accents', () => {
    assert.deepEqual(snippet('Ffôn the FFON line', 'ffon'), [
      { text: 'Ffôn', match: true },
      { text: ' the ', match: false },
      { text: 'FFON', match: true },
      { text: ' line', match: false },
    ]);
  });

  it('marks a phrase as one piece, and its words only where they are together', () => {
    assert.deepEqual(matched(snippet('not now, bins not collected again', '"not collected"')), ['not collected']);
  });

  it('marks emoji', () => {
    assert.deepEqual(matched(snippet('Bins 😡 again 😡😡', '😡')), ['😡', '😡😡']);
  });

  it('gives the whole text, unmarked, when nothing was searched', () => {
    assert.deepEqual(snippet('<b>Hello</b> & bye', ''), [{ text: '<b>Hello</b> & bye', match: false }]);
  });

  it('cuts a window around the first match of a long text, with ellipses', () => {
    const text = `${'lorem ipsum '.repeat(40)}the library is closed ${'dolor sit '.repeat(40)}`;
    const segments = snippet(text, 'library', 100);
    assert.equal(segments[0]?.text.startsWith('…'), true);
    assert.equal(segments.at(-1)?.text.endsWith('…'), true);
    assert.deepEqual(matched(segments), ['library']);
    const length = segments.reduce((sum, s) => sum + s.text.length, 0);
    assert.ok(length <= 102, `snippet of ${length} characters`);
  });

  it('is always the text, or a window of it, cut into pieces, never splitting a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ maxLength: 20 }), (text, query) => {
        const joined = snippet(text, query, 120).map((s) => s.text).join('');
        const inner = joined.replace(/^…/u, '').replace(/…$/u, '');
        assert.ok(text.includes(inner));
        assert.ok(!/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/u.test(inner));
      }),
    );
  });
});
