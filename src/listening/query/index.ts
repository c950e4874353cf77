// The watch query language and matcher: a pure core (no I/O) that the listening pipeline and the CLI build on.
export * from './ast.js';
export { compileQuery, CompiledQuery, InvalidQueryError } from './compile.js';
export { formatQuery } from './format.js';
export { createMatcher, type Matcher } from './matcher.js';
export { parseQuery, type ParseResult, type QueryError } from './parse.js';
export { readPost, type MatchablePost, type PostText } from './post.js';
export { createReferenceMatcher, evaluateQuery } from './reference.js';
export { foldText, tokenise } from './tokenise.js';
