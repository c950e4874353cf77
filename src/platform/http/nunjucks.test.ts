import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { nunjucks } from './nunjucks.js';

// Filters applied to safe strings: each relies on SafeString behaving as nunjucks made it.
const TEMPLATE = [
  '{{ b | safe | replace("b", "em") | upper }}', '{{ b | safe | length }}', '{{ b | safe | truncate(4) }}',
  '{{ b | safe | trim | title }}', '{{ (b | safe) + "x" }}', '{{ b | safe | first }}', '{{ b | safe | wordcount }}',
  '{{ b | safe | indent(2) }}', '{{ b | safe | capitalize }}', '{{ b | safe | lower | escape }}', '{{ b | safe | urlencode }}',
  '{{ b | safe | reverse }}', '{{ b | safe | center(9) }}', '{{ b | safe | striptags }}', '{{ "x" in (b | safe) }}',
  '{{ (b | safe).indexOf("b") }}', '{{ a }}',
].join('|');
const CONTEXT = { a: '<i>', b: ' <b>x & y</b> ' };

describe('nunjucks as Parley loads it', () => {
  it('keeps String.prototype out of SafeString’s prototype chain, so string fast paths stay on', () => {
    const safe = new nunjucks.runtime.SafeString('<b>x</b>');
    assert.equal(Object.prototype.isPrototypeOf.call(String.prototype, safe), false);
  });

  it('renders safe strings through filters exactly as nunjucks loaded the usual way does', () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    const stock = execFileSync(
      process.execPath,
      ['-e', 'const n = require("nunjucks"); const [t, c] = JSON.parse(process.argv[1]); process.stdout.write(new n.Environment(null, { autoescape: true }).renderString(t, c));', JSON.stringify([TEMPLATE, CONTEXT])],
      { encoding: 'utf8' },
    );
    const ours = env.renderString(TEMPLATE, CONTEXT);
    assert.equal(ours, stock);
    assert.ok(ours.endsWith('|&lt;i&gt;'), 'plain strings are still escaped');
  });
});
