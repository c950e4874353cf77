import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The guidance check's rule ids, as the corpus labels them. */
export const corpusRuleIds = [
  'personal-data',
  'protective-marking',
  'political',
  'commitments',
  'tone',
  'plain-english',
  'accessibility',
  'platform-limits',
  'links',
  'welsh',
] as const;

/** One rule id of the corpus. */
export type CorpusRuleId = (typeof corpusRuleIds)[number];

/** When a draft without its own `now` is checked: outside the test policy's pre-election period. */
export const DEFAULT_NOW = '2026-09-15T10:00:00Z';

/** The corpus file, one JSON object a line. */
export const CORPUS_PATH = new URL('corpus.jsonl', import.meta.url);

const itemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, 'must be kebab-case'),
    text: z.string().min(1),
    platform: z.enum(['mastodon', 'bluesky']),
    inReplyToLang: z.enum(['cy', 'en']).optional(),
    now: z.iso.datetime().optional(),
    expect: z.array(z.enum(corpusRuleIds)).refine((ids) => new Set(ids).size === ids.length, 'lists a rule twice'),
  })
  .strict();

/** One labelled draft: `expect` is every rule that must fire on it; an empty list means a clean draft. */
export type CorpusItem = z.output<typeof itemSchema>;

/** The items of a corpus file and what is wrong with it (each problem names its line). */
export interface ParsedCorpus {
  items: CorpusItem[];
  problems: string[];
}

/** Parses the JSON-lines text of a corpus: every line an item, blank lines ignored, ids unique. */
export function parseCorpus(text: string): ParsedCorpus {
  const items: CorpusItem[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`line ${index + 1}: not valid JSON`);
      return;
    }
    const parsed = itemSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`line ${index + 1}: ${issue.path.join('.') || 'item'}: ${issue.message}`);
      return;
    }
    if (seen.has(parsed.data.id)) problems.push(`line ${index + 1}: id ${parsed.data.id} is used before`);
    seen.add(parsed.data.id);
    items.push(parsed.data);
  });
  return { items, problems };
}

/** Reads the corpus file; throws when it has any problem, so that a score never rests on a broken file. */
export function readCorpus(path: URL = CORPUS_PATH): CorpusItem[] {
  const { items, problems } = parseCorpus(readFileSync(path, 'utf8'));
  if (problems.length > 0) throw new Error(`the corpus has problems:\n${problems.join('\n')}`);
  return items;
}
