import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readStatusContent } from './status-content.js';

describe('readStatusContent', () => {
  it('reads Mastodon HTML as text, keeping real links and leaving out mention and hashtag anchors', () => {
    const html =
      '<p><span class="h-card" translate="no"><a href="https://social.example/@dwp" class="u-url mention">@<span>dwp</span></a></span> ' +
      'my claim is stuck again <a href="https://social.example/tags/UniversalCredit" class="mention hashtag" rel="tag">#<span>UniversalCredit</span></a></p>' +
      '<p>See <a href="https://www.gov.uk/universal-credit" target="_blank" rel="nofollow noopener noreferrer" translate="no">' +
      '<span class="invisible">https://www.</span><span class="">gov.uk/universal-credit</span><span class="invisible"></span></a><br>thanks &amp; bye</p>';
    const read = readStatusContent(html, 'https://social.example/@someone/1');
    assert.equal(read.text, '@dwp my claim is stuck again #UniversalCredit See https://www.gov.uk/universal-credit thanks & bye');
    assert.deepEqual(read.links, ['https://www.gov.uk/universal-credit']);
  });

  it('treats rel="tag" anchors as hashtags whatever their class, and keeps other servers’ plain anchors', () => {
    const html = '<a href="https://pl.example/tag/bins" rel="tag">#bins</a> <a href=\'https://council.example/bins\'>bins page</a>';
    const read = readStatusContent(html, null);
    assert.equal(read.text, '#bins bins page');
    assert.deepEqual(read.links, ['https://council.example/bins']);
  });

  it('strips scripts and markup an untrusted server might send', () => {
    const read = readStatusContent('<p onclick="x()">Hi<script>alert(1)</script> <img src=x onerror=alert(1)>there</p><a href="javascript:alert(1)">x</a>', null);
    assert.equal(read.text, 'Hi there x');
    assert.deepEqual(read.links, []);
  });
});
