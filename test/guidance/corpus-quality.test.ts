import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readCorpus } from './corpus.js';
import { checkCorpus, type CorpusScore } from './score-corpus.js';

// The targets for the guidance check, measured on the labelled corpus the rules were tuned on and on the
// held-out set written without reading them (timings are the bench's business).
const RECALL_TARGET = 0.95;
const PRECISION_TARGET = 0.9;
const HOLDOUT = new URL('./holdout.jsonl', import.meta.url);

function missed(result: CorpusScore, rule: string): string {
  const misses = result.misses[rule];
  return misses === undefined || misses.falseNegatives.length === 0 ? '' : `; missed ${misses.falseNegatives.join(', ')}`;
}

for (const [name, score] of [['the labelled corpus', checkCorpus(readCorpus())], ['the held-out set', checkCorpus(readCorpus(HOLDOUT))]] as const) {
  describe(`the guidance check on ${name}`, () => {
    for (const rule of ['personal-data', 'protective-marking']) {
      it(`finds at least ${RECALL_TARGET * 100}% of the drafts with ${rule}`, () => {
        const recall = score.perRule[rule]?.recall ?? 0;
        assert.ok(recall >= RECALL_TARGET, `${rule} recall ${recall.toFixed(3)}${missed(score, rule)}`);
      });
    }

    it(`is right at least ${PRECISION_TARGET * 100}% of the times a rule fires, over all rules`, () => {
      const precision = score.overallPrecision ?? 0;
      const wrong = Object.entries(score.misses)
        .filter(([, misses]) => misses.falsePositives.length > 0)
        .map(([rule, misses]) => `${rule}: ${misses.falsePositives.join(', ')}`);
      assert.ok(precision >= PRECISION_TARGET, `overall precision ${precision.toFixed(3)}; false positives:\n${wrong.join('\n')}`);
    });
  });
}
