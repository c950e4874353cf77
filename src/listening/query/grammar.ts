import { readFileSync } from 'node:fs';
import peggy from 'peggy';

// Generated from grammar.peggy when this module loads (about 50 ms), so the grammar has one source and nothing to
// keep in step. A committed generated file would run through tsx's transform, which makes every parse twice as slow.
const parser = peggy.generate(readFileSync(new URL('grammar.peggy', import.meta.url), 'utf8'), {
  allowedStartRules: ['Query', 'Tokens'],
});

/** Runs the grammar: Query gives the raw tree (checked by raw-tree.ts), Tokens a forgiving split into tokens. */
export function runGrammar(text: string, startRule: 'Query' | 'Tokens'): unknown {
  return parser.parse(text, { startRule });
}

/** Where reading stopped, when the error is the grammar's syntax error. */
export function syntaxErrorOffset(error: unknown): number | undefined {
  return error instanceof parser.SyntaxError ? error.location.start.offset : undefined;
}
