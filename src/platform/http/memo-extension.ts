import type Nunjucks from 'nunjucks';
import { nunjucks } from './nunjucks.js';

/** The parts of nunjucks' (undocumented) parser API the tag uses. */
interface Parser {
  nextToken(): { value: string };
  parseSignature(tolerant: null, noParens: boolean): unknown;
  advanceAfterBlockEnd(name?: string): void;
  parseUntilBlocks(...names: string[]): unknown;
}

interface Nodes {
  CallExtension: new (extension: object, method: string, args: unknown, contentArgs: unknown[]) => unknown;
}

const isRenderer = (value: unknown): value is () => unknown => typeof value === 'function';

/** The page's CSRF token, from nunjucks' render context (`context.ctx`), if it has one. */
function csrfTokenOf(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null || !('ctx' in context)) return undefined;
  const { ctx } = context;
  if (typeof ctx !== 'object' || ctx === null || !('csrfToken' in ctx)) return undefined;
  return typeof ctx.csrfToken === 'string' ? ctx.csrfToken : undefined;
}

/** How many rendered fragments are kept; the least recently used go first. */
const defaultCapacity = 500;

/**
 * `{% memo "name", input… %}…{% endmemo %}`: renders the body once for each distinct list of inputs and reuses the
 * HTML after that. GOV.UK Frontend's macros are correct but slow (a filter form of three selects costs more than the
 * table of 25 cases beside it), and much of a page is the same from one request to the next. The inputs must name
 * everything the body reads that can change; they are compared as JSON, so pass plain values, not database rows. The
 * body must not set variables the rest of the page reads (they would be set only when it renders), and must not hold
 * the request's CSRF token (refused: the HTML is reused for other sessions).
 */
export class MemoExtension implements Nunjucks.Extension {
  readonly tags = ['memo'];
  private readonly fragments = new Map<string, string>();

  constructor(private readonly capacity = defaultCapacity) {}

  parse(parser: Parser, nodes: Nodes): unknown {
    const tag = parser.nextToken();
    const args = parser.parseSignature(null, true);
    parser.advanceAfterBlockEnd(tag.value);
    const body = parser.parseUntilBlocks('endmemo');
    parser.advanceAfterBlockEnd();
    return new nodes.CallExtension(this, 'run', args, [body]);
  }

  run(context: unknown, ...rest: unknown[]): Nunjucks.runtime.SafeString {
    const body: unknown = rest.pop();
    if (!isRenderer(body)) throw new TypeError('memo needs a body');
    const key = JSON.stringify(rest);
    let html = this.fragments.get(key);
    if (html === undefined) {
      html = String(body());
      const token = csrfTokenOf(context);
      // Kept HTML is shown to everyone whose inputs match: a request's own token in it would leak to other sessions.
      if (token !== undefined && token !== '' && html.includes(token)) throw new Error(`memo "${String(rest[0])}" would keep the request's CSRF token: fill it in outside the memo`);
      if (this.fragments.size >= this.capacity) this.fragments.delete(this.fragments.keys().next().value ?? '');
    } else {
      this.fragments.delete(key);
    }
    this.fragments.set(key, html);
    return new nunjucks.runtime.SafeString(html);
  }
}
