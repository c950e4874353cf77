import { data } from 'franc-all/data.js';
import { expressions } from 'franc-all/expressions.js';

/** A language (franc's ISO 639-3 code, or `und`) and its score: 1 for the nearest, lower for the others. */
export type LanguageScore = [language: string, score: number];

// franc's constants: the longest sample it reads, and the distance a trigram missing from a model adds.
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;
const UNDETERMINED = (): LanguageScore[] => [['und', 1]];
const PUNCTUATION_AND_DIGITS = /[\u0021-\u0040]+/g;
const WHITE_SPACE = /\s+/g;

/** The candidates' trigram models for one script: each trigram's rank in every candidate's model (-1: not in it). */
interface ScriptModels {
  readonly languages: readonly string[];
  readonly ranks: ReadonlyMap<string, Int32Array>;
}

/**
 * Scores text against a fixed set of candidate languages exactly as franc-all's `francAll(text, { only: candidates,
 * minLength: 1 })` does — same script detection, trigrams, distances, order and normalisation — but with the
 * candidates' models indexed once by trigram: francAll filters its ~400 models and looks each trigram up in every
 * model on each call, which made it most of the cost of enriching a post.
 */
export function trigramScorer(candidates: readonly string[]): (text: string) => LanguageScore[] {
  const allowed = new Set(candidates);
  const models = new Map<string, ScriptModels>();
  for (const [script, languages] of Object.entries(data)) models.set(script, indexModels(languages, allowed));
  return (text) => {
    if (text.length === 0) return UNDETERMINED();
    const value = text.slice(0, MAX_LENGTH);
    const [script, share] = topScript(value);
    const scriptModels = script === undefined ? undefined : models.get(script);
    if (script === undefined || scriptModels === undefined) {
      return script === undefined || share === 0 || !allowed.has(script) ? UNDETERMINED() : [[script, 1]];
    }
    return normalise(value, distances(trigramCounts(value), scriptModels));
  };
}

function indexModels(languages: Readonly<Record<string, string>>, allowed: ReadonlySet<string>): ScriptModels {
  const names = Object.keys(languages).filter((name) => allowed.has(name));
  const ranks = new Map<string, Int32Array>();
  names.forEach((name, column) => {
    const trigrams = (languages[name] ?? '').split('|');
    // From the last to the first, as franc builds its models: a trigram listed twice keeps its first rank.
    for (let rank = trigrams.length - 1; rank >= 0; rank -= 1) {
      const trigram = trigrams[rank] ?? '';
      let row = ranks.get(trigram);
      if (row === undefined) {
        row = new Int32Array(names.length).fill(-1);
        ranks.set(trigram, row);
      }
      row[column] = rank;
    }
  });
  return { languages: names, ranks };
}

/** The script most of the text is written in (the first listed wins ties) and the share of characters in it. */
function topScript(value: string): [string | undefined, number] {
  let top: string | undefined;
  let topShare = -1;
  for (const [script, expression] of Object.entries(expressions)) {
    const share = (value.match(expression)?.length ?? 0) / value.length || 0;
    if (share > topShare) {
      topShare = share;
      top = script;
    }
  }
  return [top, topShare];
}

/** How often each trigram occurs in the text, lower-cased, without punctuation or digits, padded with a space each side. */
function trigramCounts(value: string): Map<string, number> {
  const padded = ` ${value.replace(PUNCTUATION_AND_DIGITS, ' ').replace(WHITE_SPACE, ' ').trim().toLowerCase()} `;
  const counts = new Map<string, number>();
  for (let at = 0; at + 3 <= padded.length; at += 1) {
    const trigram = padded.slice(at, at + 3);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return counts;
}

/** Each candidate's distance from the text, nearest first (ties in the models' order). */
function distances(counts: ReadonlyMap<string, number>, models: ScriptModels): LanguageScore[] {
  const { languages, ranks } = models;
  if (languages.length === 0) return UNDETERMINED();
  // Each trigram is as far as can be from every model, but nearer to the models that rank it.
  const totals = new Float64Array(languages.length).fill(counts.size * MAX_DIFFERENCE);
  for (const [trigram, count] of counts) {
    const row = ranks.get(trigram);
    if (row === undefined) continue;
    for (let column = 0; column < row.length; column += 1) {
      const rank = row[column] ?? -1;
      if (rank >= 0) totals[column] = (totals[column] ?? 0) + Math.abs(count - rank - 1) - MAX_DIFFERENCE;
    }
  }
  return languages.map((language, column): LanguageScore => [language, totals[column] ?? 0]).sort((a, b) => a[1] - b[1]);
}

function normalise(value: string, scores: LanguageScore[]): LanguageScore[] {
  const min = scores[0]?.[1] ?? 0;
  const max = value.length * MAX_DIFFERENCE - min;
  for (const score of scores) score[1] = 1 - (score[1] - min) / max || 0;
  return scores;
}
