import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeEntities } from './html-entities.js';
import { absoluteHttpUrl, cleanText, htmlToText } from './html-text.js';

const BASE = 'https://www.northmoor.example.org/news/item';

describe('htmlToText', () => {
  it('drops tags, leaves a space for block elements and collapses white space', () => {
    const html = '<p>Bins <strong>collected</strong>\n\n on <em>Monday</em>.</p><p>Thanks</p><br/>Team';
    assert.equal(htmlToText(html, BASE).text, 'Bins collected on Monday. Thanks Team');
  });

  it('drops what scripts, styles, comments and the like contain', () => {
    const html =
      'A<script type="text/javascript">alert("</p>")</script>B<style>p{}</style>C<!-- note <b>x</b> -->D' +
      '<SCRIPT>x</SCRIPT >E<!DOCTYPE html><?php echo 1 ?>F<svg><text>G</text></svg>H';
    assert.equal(htmlToText(html, BASE).text, 'ABCDEFH');
  });

  it('decodes named, decimal and hex references, Welsh letters included, and leaves unknown names', () => {
    const html = 'Caf&eacute; &amp; t&ecirc;, &wcirc;&ycirc; &#8217;&#x2014;&#146; &pound;5 &nosuch; &#0; 5&nbsp;km';
    assert.equal(htmlToText(html, BASE).text, 'Café & tê, ŵŷ ’—’ £5 &nosuch; \uFFFD 5 km');
  });

  it('keeps a < that starts no tag, and reads CDATA as text', () => {
    assert.equal(htmlToText('waits < 5 days, 3<4 and <3 <![CDATA[<b>&amp;</b>]]>', BASE).text, 'waits < 5 days, 3<4 and <3 <b>&amp;</b>');
  });

  it('drops an unterminated tag to the end, as a browser does', () => {
    assert.equal(htmlToText('Open <a href="/x" title="unclosed', BASE).text, 'Open');
    assert.equal(htmlToText('Open <script>never closed', BASE).text, 'Open');
  });

  it('collects anchor links, resolved against the base, http and https only, each once', () => {
    const html =
      '<a href="/bins">Bins</a> <A HREF=\'https://gov.example.org/x?a=1&amp;b=2\'>x</A> <a href=tax>t</a> ' +
      '<a href="javascript:alert(1)">no</a> <a href="mailto:a@example.org">no</a> <a>no</a> <a href="/bins">again</a>';
    assert.deepEqual(htmlToText(html, BASE).links, [
      'https://www.northmoor.example.org/bins',
      'https://gov.example.org/x?a=1&b=2',
      'https://www.northmoor.example.org/news/tax',
    ]);
  });

  it('never keeps markup from tags, whatever the attributes hold', () => {
    const html = '<img src=x onerror="alert(1)" alt="<b>">Hi <a href="/" data-x=\'>\'>there</a>';
    assert.equal(htmlToText(html, BASE).text, 'Hi there');
  });

  it('reads HTML built from random words, tags and links back to those words and links', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9àâêŵŷ]{1,8}$/);
    const segment = fc.oneof(
      word.map((w) => ({ html: w, text: w, link: null })),
      word.map((w) => ({ html: `<b class="x">${w}</b>`, text: w, link: null })),
      word.map((w) => ({ html: `<p>${w}</p>`, text: w, link: null })),
      word.map((w) => ({ html: `<a href="/p/${w}">${w}</a>`, text: w, link: new URL(`https://www.northmoor.example.org/p/${w}`).href })),
      fc.constant({ html: '&amp;', text: '&', link: null }),
      fc.constant({ html: '&lt;b&gt;', text: '<b>', link: null }),
      fc.constant({ html: '<script>x()</script>', text: '', link: null }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 20 }), (segments) => {
        const read = htmlToText(segments.map((s) => s.html).join(' \n'), BASE);
        const text = segments.map((s) => s.text).join(' ').replace(/\s+/g, ' ').trim();
        const links = [...new Set(segments.flatMap((s) => (s.link === null ? [] : [s.link])))];
        assert.equal(read.text, text);
        assert.deepEqual(read.links, links);
      }),
    );
  });

  it('never throws on garbage and always gives clean text and absolute links', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('<', '>', '</', '<a href="', '"', "'", '<script>', '</script>', '<!--', '-->', '&', '&#', ';',
        '<![CDATA[', ']]>', '\u0000', '\u0085', '\n', '&#x110000;', '&#xD800;', '&amp;', '<p>', 'href=', '<!'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const { text, links } = htmlToText(pieces.join(''), BASE);
        assert.doesNotMatch(text, /[^\P{Cc}]/u);
        assert.doesNotMatch(text, /\s\s|^\s|\s$/);
        for (const link of links) assert.match(link, /^https?:\/\//);
      }),
    );
  });

  it('reads text without tags or references as that text, cleaned', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }).filter((s) => !s.includes('<') && !s.includes('&')), (s) => {
        assert.equal(htmlToText(s, BASE).text, cleanText(s));
      }),
    );
  });

  it('reads a long run of open brackets and quotes in linear time, without throwing', () => {
    const nasty = '<a href="'.repeat(20_000) + '&'.repeat(50_000) + '<'.repeat(50_000) + '<!--'.repeat(20_000);
    assert.equal(typeof htmlToText(nasty, BASE).text, 'string');
  });
});

describe('cleanText', () => {
  it('removes control characters and collapses every kind of white space', () => {
    assert.equal(cleanText(' a\u0000b\u0007\t\r\n c\u00a0\u2003d\ufeff '), 'ab c d');
  });
});

describe('decodeEntities', () => {
  it('reads 128–159 as Windows-1252, as browsers do, and refuses surrogates and beyond Unicode', () => {
    assert.equal(decodeEntities('&#128;&#150;&#xD800;&#x110000;&#x1F44D;'), '€–\uFFFD\uFFFD👍');
  });
});

describe('absoluteHttpUrl', () => {
  it('resolves relative references and refuses other schemes and nonsense', () => {
    assert.equal(absoluteHttpUrl('../a b', BASE), 'https://www.northmoor.example.org/a%20b');
    assert.equal(absoluteHttpUrl('ftp://example.org/', BASE), null);
    assert.equal(absoluteHttpUrl('http://[::1', BASE), null);
    assert.equal(absoluteHttpUrl('relative', null), null);
    assert.equal(absoluteHttpUrl('  ', BASE), null);
  });
});
