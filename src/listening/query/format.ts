import type { PositionalNode, QueryNode } from './ast.js';

/**
 * Prints a query in canonical form: folded words, explicit AND, NOT rather than -, #tag and @handle, and brackets
 * wherever an OR sits inside an AND or an AND inside an OR. Parsing the result gives the same tree.
 */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return node.word;
    case 'phrase':
      return `"${node.words.join(' ')}"`;
    case 'prefix':
      return `${node.stem}*`;
    case 'field':
      if (node.field === 'hashtag') return `#${node.value}`;
      if (node.field === 'mention') return `@${node.value}`;
      return `${node.field}:${node.value}`;
    case 'near':
      return `${nearSide(node.left)} ${node.ordered ? 'ONEAR' : 'NEAR'}/${node.distance} ${nearSide(node.right)}`;
    case 'not':
      return `NOT ${grouped(node.operand, node.operand.kind === 'and' || node.operand.kind === 'or')}`;
    case 'and':
      return node.operands.map((operand) => grouped(operand, operand.kind === 'or')).join(' AND ');
    case 'or':
      return node.operands.map((operand) => grouped(operand, operand.kind === 'and')).join(' OR ');
  }
}

function grouped(node: QueryNode, brackets: boolean): string {
  return brackets ? `(${formatQuery(node)})` : formatQuery(node);
}

function nearSide(alternatives: readonly PositionalNode[]): string {
  const [only] = alternatives;
  return alternatives.length === 1 && only ? formatQuery(only) : `(${alternatives.map(formatQuery).join(' OR ')})`;
}
