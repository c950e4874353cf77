import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MemoExtension } from './memo-extension.js';
import { nunjucks } from './nunjucks.js';

function environment(capacity?: number) {
  const env = new nunjucks.Environment(null, { autoescape: true });
  let renders = 0;
  env.addGlobal('rendered', () => (renders += 1));
  env.addExtension('memo', new MemoExtension(capacity));
  return { env, renders: () => renders };
}

const TEMPLATE = '<p>{{ token }}</p>{% memo "part", a, b %}<b>{{ a }}</b>{{ b }}{{ rendered() }}{% endmemo %}';

describe('the memo tag', () => {
  it('renders its body once per distinct list of inputs and reuses the HTML, while the rest of the page renders every time', () => {
    const { env, renders } = environment();
    const first = env.renderString(TEMPLATE, { token: 'one', a: 'x', b: 1 });
    const again = env.renderString(TEMPLATE, { token: 'two', a: 'x', b: 1 });
    assert.equal(first, '<p>one</p><b>x</b>11');
    assert.equal(again, '<p>two</p><b>x</b>11', 'the body is reused; the token outside it is not');
    assert.equal(renders(), 1);
    assert.equal(env.renderString(TEMPLATE, { token: 'three', a: 'x', b: 2 }), '<p>three</p><b>x</b>22');
    assert.equal(renders(), 2, 'a different input renders the body again');
  });

  it('escapes what it renders once, and does not escape the reused HTML a second time', () => {
    const { env } = environment();
    const context = { token: '', a: '<script>', b: '&' };
    const expected = '<p></p><b>&lt;script&gt;</b>&amp;1';
    assert.equal(env.renderString(TEMPLATE, context), expected);
    assert.equal(env.renderString(TEMPLATE, context), expected);
  });

  it('tells apart inputs that differ only in type or structure', () => {
    const { env, renders } = environment();
    env.renderString(TEMPLATE, { token: '', a: '1', b: 1 });
    env.renderString(TEMPLATE, { token: '', a: 1, b: 1 });
    env.renderString(TEMPLATE, { token: '', a: ['1'], b: 1 });
    assert.equal(renders(), 3);
  });

  it('refuses to keep HTML that holds the request’s CSRF token, which other sessions would then be given', () => {
    const { env } = environment();
    assert.throws(() => env.renderString('{% memo "form" %}<input value="{{ csrfToken }}">{% endmemo %}', { csrfToken: 'token-of-ana' }), /CSRF token/);
    assert.equal(env.renderString('{% memo "form" %}<input value="x">{% endmemo %}', { csrfToken: 'token-of-ana' }), '<input value="x">');
  });

  it('keeps at most its capacity of fragments, dropping the least recently used', () => {
    const { env, renders } = environment(2);
    for (const a of ['p', 'q', 'p', 'r']) env.renderString(TEMPLATE, { token: '', a, b: 0 });
    assert.equal(renders(), 3, 'p was reused once');
    env.renderString(TEMPLATE, { token: '', a: 'p', b: 0 });
    assert.equal(renders(), 3, 'p was used recently, so r pushed out q');
    env.renderString(TEMPLATE, { token: '', a: 'q', b: 0 });
    assert.equal(renders(), 4);
  });
});
