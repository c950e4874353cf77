import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { highlightSegments } from './highlight.js';

describe('highlightSegments', () => {
  it('marks each finding’s words and leaves the rest plain', () => {
    assert.deepEqual(highlightSegments('Call 0300 123 now', [{ start: 5, end: 13 }]), [
      { text: 'Call ', findings: [] },
      { text: '0300 123', findings: [0] },
      { text: ' now', findings: [] },
    ]);
  });

  it('splits overlapping findings into runs that do not overlap, each naming every finding over it', () => {
    assert.deepEqual(highlightSegments('abcdef', [{ start: 1, end: 4 }, { start: 2, end: 6 }]), [
      { text: 'a', findings: [] },
      { text: 'b', findings: [0] },
      { text: 'cd', findings: [0, 1] },
      { text: 'ef', findings: [1] },
    ]);
  });

  it('ignores empty spans and clamps spans that run past the text', () => {
    assert.deepEqual(highlightSegments('abc', [{ start: 1, end: 1 }, { start: 2, end: 99 }]), [
      { text: 'ab', findings: [] },
      { text: 'c', findings: [1] },
    ]);
  });

  it('gives the text back, and marks exactly the findings covering each character', () => {
    const spans = fc.array(fc.record({ start: fc.integer({ min: -3, max: 40 }), end: fc.integer({ min: -3, max: 40 }) }), { maxLength: 6 });
    fc.assert(fc.property(fc.string({ maxLength: 30 }), spans, (text, given) => {
      const segments = highlightSegments(text, given);
      assert.equal(segments.map((s) => s.text).join(''), text);
      let at = 0;
      for (const segment of segments) {
        for (let i = at; i < at + segment.text.length; i++) {
          const covering = given.flatMap((span, index) => (Math.max(0, span.start) <= i && i < Math.min(text.length, span.end) ? [index] : []));
          assert.deepEqual(segment.findings, covering);
        }
        at += segment.text.length;
      }
    }));
  });
});
