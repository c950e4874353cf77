import { LIMITS, requiresSomething, type PositionalNode, type QueryNode } from './ast.js';
import { messages } from './messages.js';
import type { RawNode, Span } from './raw-tree.js';
import { readPhrase, readWord } from './read-word.js';

/** Something wrong with one part of the query, by offsets. */
export interface Problem extends Span {
  readonly message: string;
}

interface Context {
  readonly problems: Problem[];
  clauses: number;
  /** Where the first clause over the limit starts. */
  overLimitAt: number | undefined;
}

/** Turns the parser's output into the typed tree, or lists every problem found in it. */
export function buildTree(raw: RawNode): { node: QueryNode } | { problems: Problem[] } {
  const context: Context = { problems: [], clauses: 0, overLimitAt: undefined };
  const node = build(raw, context);
  const { problems } = context;
  if (context.overLimitAt !== undefined) {
    problems.push({ message: messages.tooManyClauses(context.clauses), start: context.overLimitAt, end: raw.end });
  }
  if (node && node.kind !== 'or' && !requiresSomething(node)) {
    problems.push({ message: messages.onlyExcludes(), start: raw.start, end: raw.end });
  }
  return node && problems.length === 0 ? { node } : { problems: problems.sort((a, b) => a.start - b.start) };
}

function build(raw: RawNode, context: Context): QueryNode | undefined {
  switch (raw.type) {
    case 'word':
    case 'phrase': {
      const reading = raw.type === 'word' ? readWord(raw.text) : readPhrase(raw.text);
      if ('problem' in reading) return fail(context, reading.problem, raw);
      context.clauses += 1;
      if (context.clauses === LIMITS.maxClauses + 1) context.overLimitAt = raw.start;
      return reading.node;
    }
    case 'not': {
      const operand = build(raw.operand, context);
      if (operand?.kind === 'not') return fail(context, messages.doubleNot(), raw);
      return operand && { kind: 'not', operand };
    }
    case 'and':
    case 'or':
      return buildList(raw.type, raw.items, context);
    case 'near':
      return buildNear(raw, context);
  }
}

function buildList(kind: 'and' | 'or', items: readonly RawNode[], context: Context): QueryNode | undefined {
  const operands: QueryNode[] = [];
  let complete = true;
  for (const item of items) {
    const node = build(item, context);
    if (!node) complete = false;
    else if (node.kind === kind) operands.push(...node.operands);
    else {
      if (kind === 'or' && !requiresSomething(node)) fail(context, messages.orSideOnlyExcludes(), item);
      operands.push(node);
    }
  }
  return complete ? { kind, operands } : undefined;
}

function buildNear(raw: Extract<RawNode, { type: 'near' }>, context: Context): QueryNode | undefined {
  const { op } = raw;
  if (raw.left.type === 'near') {
    build(raw.left, context);
    return fail(context, messages.nearChain(), op);
  }
  const left = nearSide(raw.left, op.name, context);
  const right = nearSide(raw.right, op.name, context);
  const distance = nearDistance(op.name, op.distance, op, context);
  if (!left || !right || distance === undefined) return undefined;
  return { kind: 'near', left, right, distance, ordered: op.name === 'ONEAR' };
}

function nearSide(raw: RawNode, name: string, context: Context): PositionalNode[] | undefined {
  const node = build(raw, context);
  if (!node) return undefined;
  const alternatives = node.kind === 'or' ? node.operands : [node];
  const positional = alternatives.filter(
    (a): a is PositionalNode => a.kind === 'term' || a.kind === 'phrase' || a.kind === 'prefix',
  );
  return positional.length === alternatives.length ? positional : fail(context, messages.nearOperand(name), raw);
}

function nearDistance(name: string, text: string | null, at: Span, context: Context): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return fail(context, messages.nearDistanceMissing(name), at);
  const distance = Number(text);
  if (distance < LIMITS.minDistance || distance > LIMITS.maxDistance) {
    return fail(context, messages.nearDistanceRange(name, text), at);
  }
  return distance;
}

function fail(context: Context, message: string, at: Span): undefined {
  context.problems.push({ message, start: at.start, end: at.end });
  return undefined;
}
