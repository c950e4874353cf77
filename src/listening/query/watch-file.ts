import { z } from 'zod';
import { parseQuery } from './parse.js';
import type { QueryNode } from './ast.js';

/** A watch read from a watches file. */
export interface WatchDefinition {
  id: string;
  query: QueryNode;
}

const watchList = z.array(z.unknown());
const watchItem = z.object({ id: z.string().min(1), query: z.string() });

/**
 * Reads a watches file's text: a JSON array of {"id", "query"}. Gives every watch, or every problem (bad JSON, a bad
 * item, a repeated id, each error of each query) as a line that names the watch and the position.
 */
export function readWatchFile(text: string): { watches: WatchDefinition[] } | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [`not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  const list = watchList.safeParse(json);
  if (!list.success) return { problems: ['it must be a JSON array of {"id": "...", "query": "..."}'] };

  const problems: string[] = [];
  const watches: WatchDefinition[] = [];
  const seen = new Set<string>();
  list.data.forEach((value, index) => {
    const item = watchItem.safeParse(value);
    if (!item.success) {
      problems.push(`item ${index + 1}: it needs an "id" (a non-empty string) and a "query" (a string)`);
      return;
    }
    const { id, query } = item.data;
    if (seen.has(id)) problems.push(`watch "${id}": another watch already has this id`);
    seen.add(id);
    const parsed = parseQuery(query);
    if (parsed.ok) watches.push({ id, query: parsed.query });
    else for (const e of parsed.errors) problems.push(`watch "${id}", line ${e.line}, column ${e.column}: ${e.message}`);
  });
  return problems.length > 0 ? { problems } : { watches };
}
