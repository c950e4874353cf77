import { parsePolicy, type GuidancePolicy } from '../../src/guidance/policy.js';
import { politicalRule } from '../../src/guidance/rules/political.js';

/** The test organisation's pre-election period: the corpus's `now` dates fall inside and outside it. */
export const CORPUS_PRE_ELECTION = { name: 'Local and Senedd elections 2027', from: '2027-04-10', to: '2027-05-06' };

/**
 * The policy the corpus is labelled against: the shipped defaults plus the test organisation's own settings, its
 * Universal Credit helpline, its case reference format (CAS- and seven digits), three local politicians the corpus
 * invents, and the pre-election period above.
 */
export const corpusPolicy: GuidancePolicy = parsePolicy({
  'personal-data': {
    publishedContacts: ['0800 328 5644'],
    caseReferences: [{ name: 'case reference', pattern: String.raw`CAS-\d{7}` }],
  },
  political: {
    ...politicalRule.defaults,
    politicians: [...politicalRule.defaults.politicians, 'Helen Marsh', 'Owen Pritchard', 'Fiona Baird'],
  },
  preElectionPeriods: [CORPUS_PRE_ELECTION],
});
