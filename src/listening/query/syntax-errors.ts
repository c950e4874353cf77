import type { Problem } from './build-tree.js';
import { runGrammar } from './grammar.js';
import { messages } from './messages.js';
import { describePosition } from './position.js';
import { readRawTokens, type RawToken } from './raw-tree.js';

/**
 * Explains why the grammar could not read the query, given where it stopped: unbalanced quotes and brackets first
 * (all of them), otherwise what is missing around the operator where reading stopped.
 */
export function explainSyntaxError(text: string, offset: number): Problem[] {
  const tokens = readRawTokens(runGrammar(text, 'Tokens'));
  const unbalanced = unbalancedPairs(text, tokens);
  if (unbalanced.length > 0) return unbalanced;

  const index = tokens.findIndex((token) => token.end > offset);
  const token = index < 0 ? undefined : tokens[index];
  const before = tokens[(index < 0 ? tokens.length : index) - 1];
  const joins = (t: RawToken | undefined) => t !== undefined && (t.type === 'operator' || t.text === '-');

  if (token === undefined || token.type === 'close') {
    if (before?.type === 'open' && token) return [at(messages.emptyBrackets(), before.start, token.end)];
    if (before && joins(before)) return [at(messages.missingAfter(before.text), before.start, before.end)];
  } else if (token.type === 'operator') {
    if (before && joins(before)) return [at(messages.operatorsTogether(before.text, token.text), before.start, token.end)];
    return [at(messages.missingBefore(token.text), token.start, token.end)];
  }
  return [at(messages.unreadable(), offset, token?.end ?? offset)];
}

function unbalancedPairs(text: string, tokens: readonly RawToken[]): Problem[] {
  const problems: Problem[] = [];
  const open: RawToken[] = [];
  for (const token of tokens) {
    if (token.type === 'open') open.push(token);
    else if (token.type === 'close' && open.pop() === undefined) problems.push(at(messages.strayBracket(), token.start, token.end));
    else if (token.type === 'quote' && token.closed === false) {
      problems.push(at(messages.unclosedQuote(describePosition(text, token.start)), token.start, token.start + 1));
    }
  }
  for (const token of open) problems.push(at(messages.unclosedBracket(describePosition(text, token.start)), token.start, token.end));
  return problems.sort((a, b) => a.start - b.start);
}

function at(message: string, start: number, end: number): Problem {
  return { message, start, end };
}
