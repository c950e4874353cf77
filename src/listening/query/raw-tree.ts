import { z } from 'zod';

/** Offsets of a piece of the query text: [start, end) in UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface RawNearOperator extends Span {
  readonly name: 'NEAR' | 'ONEAR';
  /** The text after the slash, or null when there is none. */
  readonly distance: string | null;
}

/** The parser's output before words, fields and NEAR operands are checked. */
export type RawNode =
  | (Span & { readonly type: 'word' | 'phrase'; readonly text: string })
  | (Span & { readonly type: 'not'; readonly operand: RawNode })
  | (Span & { readonly type: 'and' | 'or'; readonly items: readonly RawNode[] })
  | (Span & { readonly type: 'near'; readonly left: RawNode; readonly right: RawNode; readonly op: RawNearOperator });

/** One piece of the query as the forgiving Tokens rule splits it. */
export interface RawToken extends Span {
  readonly type: 'open' | 'close' | 'quote' | 'operator' | 'word';
  readonly text: string;
  readonly closed?: boolean | undefined;
}

const span = { start: z.number().int(), end: z.number().int() };

const rawNode: z.ZodType<RawNode> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('word'), text: z.string(), ...span }),
    z.object({ type: z.literal('phrase'), text: z.string(), ...span }),
    z.object({ type: z.literal('not'), operand: rawNode, ...span }),
    z.object({ type: z.literal('and'), items: z.array(rawNode).min(2), ...span }),
    z.object({ type: z.literal('or'), items: z.array(rawNode).min(2), ...span }),
    z.object({
      type: z.literal('near'),
      left: rawNode,
      right: rawNode,
      op: z.object({ name: z.enum(['NEAR', 'ONEAR']), distance: z.string().nullable(), ...span }),
      ...span,
    }),
  ]),
);

const rawTokens = z.array(
  z.object({ type: z.enum(['open', 'close', 'quote', 'operator', 'word']), text: z.string(), closed: z.boolean().optional(), ...span }),
);

/** Checks the shape of the Query rule's output (null for an empty query). A mismatch is a bug in the grammar. */
export function readRawQuery(value: unknown): RawNode | null {
  return value === null ? null : rawNode.parse(value);
}

/** Checks the shape of the Tokens rule's output. */
export function readRawTokens(value: unknown): RawToken[] {
  return rawTokens.parse(value);
}
