import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isSameText, statusPlainText } from './mastodon-content.js';

describe('statusPlainText and isSameText', () => {
  const html = '<p>Diolch <span class="h-card" translate="no"><a href="https://elsewhere.example/@clerk" class="u-url mention">@<span>clerk</span></a></span> – see '
    + '<a href="https://northmoor.gov.uk/bins?a=1&amp;b=2" rel="nofollow noopener"><span class="invisible">https://</span><span class="ellipsis">northmoor.gov.uk/bin</span><span class="invisible">s?a=1&amp;b=2</span></a></p>'
    + '<p>Line one<br />Line &lt;two&gt; &#39;ŵ&#x27;</p>';

  it('gives back the text as posted, links in full', () => {
    assert.equal(statusPlainText(html), "Diolch @clerk – see https://northmoor.gov.uk/bins?a=1&b=2\n\nLine one\nLine <two> 'ŵ'");
  });

  it('matches the text that was sent, with the remote mention’s domain and the white space as Mastodon changes them', () => {
    assert.ok(isSameText(html, "Diolch @clerk@elsewhere.example – see https://northmoor.gov.uk/bins?a=1&b=2\n\nLine one\nLine <two> 'ŵ'  "));
    assert.equal(isSameText(html, "Diolch @clerk – see https://northmoor.gov.uk/bins?a=1&b=3\n\nLine one\nLine <two> 'ŵ'"), false);
  });
});
