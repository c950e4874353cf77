import { requiresSomething, type QueryNode } from './ast.js';
import { messages } from './messages.js';
import { parseQuery, type QueryError } from './parse.js';
import { presearchKeys, type PresearchKey } from './presearch.js';

/** A query that cannot be watched: its text has errors, or its tree requires nothing. */
export class InvalidQueryError extends Error {
  constructor(readonly errors: readonly QueryError[]) {
    super(errors.map((e) => `line ${e.line}, column ${e.column}: ${e.message}`).join('\n'));
    this.name = 'InvalidQueryError';
  }
}

/** A checked query with the keys a matching post must hold at least one of; build with compileQuery. */
export class CompiledQuery {
  readonly keys: readonly PresearchKey[];

  /** Throws InvalidQueryError when the tree requires nothing (a tree from parseQuery always requires something). */
  constructor(readonly query: QueryNode) {
    const keys = requiresSomething(query) ? presearchKeys(query) : undefined;
    if (!keys) throw new InvalidQueryError([{ message: messages.onlyExcludes(), line: 1, column: 1, offset: 0, length: 0 }]);
    this.keys = keys;
  }
}

/** Parses (when given text) and checks a query for the matcher; throws InvalidQueryError. */
export function compileQuery(query: string | QueryNode): CompiledQuery {
  if (typeof query !== 'string') return new CompiledQuery(query);
  const result = parseQuery(query);
  if (!result.ok) throw new InvalidQueryError(result.errors);
  return new CompiledQuery(result.query);
}
