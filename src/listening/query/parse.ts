import { LIMITS, type QueryNode } from './ast.js';
import { buildTree, type Problem } from './build-tree.js';
import { runGrammar, syntaxErrorOffset } from './grammar.js';
import { messages } from './messages.js';
import { characterCount, lineAndColumn, offsetOfCharacter } from './position.js';
import { readRawQuery } from './raw-tree.js';
import { explainSyntaxError } from './syntax-errors.js';

/** What is wrong with a query and where: line and column count from 1 in characters as a person sees them; offset and length are UTF-16 units. */
export interface QueryError {
  message: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

export type ParseResult = { ok: true; query: QueryNode } | { ok: false; errors: QueryError[] };

/** Parses a watch query into its tree, or lists every error found, in order of position. */
export function parseQuery(text: string): ParseResult {
  // A person sees at most as many characters as there are UTF-16 units, so only a long text needs counting.
  const length = text.length > LIMITS.maxLength ? characterCount(text) : text.length;
  if (length > LIMITS.maxLength) {
    const offset = offsetOfCharacter(text, LIMITS.maxLength);
    return failure(text, [{ message: messages.tooLong(length), start: offset, end: text.length }]);
  }
  let raw;
  try {
    raw = readRawQuery(runGrammar(text, 'Query'));
  } catch (error) {
    const offset = syntaxErrorOffset(error);
    if (offset === undefined) throw error;
    return failure(text, explainSyntaxError(text, offset));
  }
  if (raw === null) return failure(text, [{ message: messages.empty(), start: 0, end: text.length }]);
  const built = buildTree(raw);
  return 'node' in built ? { ok: true, query: built.node } : failure(text, built.problems);
}

function failure(text: string, problems: readonly Problem[]): ParseResult {
  return {
    ok: false,
    errors: problems.map(({ message, start, end }) => ({ message, ...lineAndColumn(text, start), offset: start, length: end - start })),
  };
}
