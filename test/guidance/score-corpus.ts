import { checkDraft } from '../../src/guidance/check.js';
import type { GuidancePolicy } from '../../src/guidance/policy.js';
import type { DraftContext } from '../../src/guidance/rules/rule.js';
import { DEFAULT_NOW, corpusRuleIds, type CorpusItem } from './corpus.js';
import { corpusPolicy } from './corpus-policy.js';

/** How one rule did over the corpus. Precision or recall is null when there is nothing to divide by. */
export interface RuleScore {
  precision: number | null;
  recall: number | null;
  tp: number;
  fp: number;
  fn: number;
}

/** Ids of the drafts a rule got wrong, in corpus order. */
export interface RuleMisses {
  falseNegatives: string[];
  falsePositives: string[];
}

/** The corpus's score: per rule, overall (all rules' counts added up) and the drafts each rule got wrong. */
export interface CorpusScore {
  drafts: number;
  perRule: Record<string, RuleScore>;
  overallPrecision: number | null;
  overallRecall: number | null;
  misses: Record<string, RuleMisses>;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** The context a corpus draft is checked in: its platform, the language it answers and when it would be posted. */
export function contextFor(item: CorpusItem): DraftContext {
  return { platform: item.platform, inReplyToLang: item.inReplyToLang, now: new Date(item.now ?? DEFAULT_NOW) };
}

/** The rules that fire on a draft: those with at least one finding. */
export function firedRules(item: CorpusItem, policy: GuidancePolicy = corpusPolicy): Set<string> {
  return new Set(checkDraft(item.text, contextFor(item), policy).findings.map((finding) => finding.rule));
}

/**
 * Scores what fired on each draft against its labels. A rule that fires on a draft that does not expect it is a false
 * positive; an expected rule that does not fire is a false negative. Rules outside the corpus's list are scored too.
 */
export function scoreCorpus(items: readonly CorpusItem[], fired: (item: CorpusItem) => ReadonlySet<string>): CorpusScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number } & RuleMisses>();
  const countsFor = (rule: string) => {
    let entry = counts.get(rule);
    if (entry === undefined) {
      entry = { tp: 0, fp: 0, fn: 0, falseNegatives: [], falsePositives: [] };
      counts.set(rule, entry);
    }
    return entry;
  };
  for (const rule of corpusRuleIds) countsFor(rule);
  for (const item of items) {
    const found = fired(item);
    const expected = new Set<string>(item.expect);
    for (const rule of new Set([...found, ...expected])) {
      const entry = countsFor(rule);
      if (found.has(rule) && expected.has(rule)) entry.tp += 1;
      else if (found.has(rule)) {
        entry.fp += 1;
        entry.falsePositives.push(item.id);
      } else {
        entry.fn += 1;
        entry.falseNegatives.push(item.id);
      }
    }
  }
  const perRule: Record<string, RuleScore> = {};
  const misses: Record<string, RuleMisses> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [rule, entry] of counts) {
    perRule[rule] = { precision: ratio(entry.tp, entry.tp + entry.fp), recall: ratio(entry.tp, entry.tp + entry.fn), tp: entry.tp, fp: entry.fp, fn: entry.fn };
    if (entry.falseNegatives.length + entry.falsePositives.length > 0) {
      misses[rule] = { falseNegatives: entry.falseNegatives, falsePositives: entry.falsePositives };
    }
    tp += entry.tp;
    fp += entry.fp;
    fn += entry.fn;
  }
  return { drafts: items.length, perRule, overallPrecision: ratio(tp, tp + fp), overallRecall: ratio(tp, tp + fn), misses };
}

/** Runs the check over the corpus with its policy and scores it. */
export function checkCorpus(items: readonly CorpusItem[], policy: GuidancePolicy = corpusPolicy): CorpusScore {
  return scoreCorpus(items, (item) => firedRules(item, policy));
}
