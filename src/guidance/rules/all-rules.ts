import { accessibilityRule } from './accessibility.js';
import { commitmentsRule } from './commitments.js';
import { linksRule } from './links.js';
import { markingsRule } from './markings.js';
import { personalDataRule } from './personal-data.js';
import { plainEnglishRule } from './plain-english.js';
import { platformLimitsRule } from './platform-limits.js';
import { politicalRule } from './political.js';
import type { Rule } from './rule.js';
import { toneRule } from './tone.js';
import { welshRule } from './welsh.js';

/**
 * Every rule of the guidance check, in the order the issue and the docs list them. Each rule's own schema validates
 * its section of the policy, so the registry holds them without their section types.
 */
export const allRules: readonly Rule<unknown>[] = [
  personalDataRule,
  markingsRule,
  politicalRule,
  commitmentsRule,
  toneRule,
  plainEnglishRule,
  accessibilityRule,
  platformLimitsRule,
  linksRule,
  welshRule,
];
