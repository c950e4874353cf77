import type { z } from 'zod';
import type { Draft } from './draft.js';
import type { PrincipleId } from './principles.js';

/** How serious a finding is, from least to most. `blocked` means the draft cannot be submitted until it is fixed. */
export const severities = ['low', 'medium', 'high', 'blocked'] as const;

/** A finding's severity. */
export type Severity = (typeof severities)[number];

/** A draft's risk: the worst severity among its findings, or `none` when there are none. */
export type Risk = 'none' | Severity;

/** The risks in order, least first; `riskOrder.indexOf` compares two. */
export const riskOrder: readonly Risk[] = ['none', ...severities];

/** The platforms a draft can be written for. */
export type DraftPlatform = 'mastodon' | 'bluesky';

/** What the check knows about where and when a draft will be posted. */
export interface DraftContext {
  platform: DraftPlatform;
  /** The channel's limit in characters (Mastodon instances differ); the platform's default when absent. */
  maxCharacters?: number | undefined;
  /** ISO 639-1 code of the mention being answered, when the draft is a reply and its language is known. */
  inReplyToLang?: string | undefined;
  /** When the draft would be posted: decides whether the pre-election period applies. */
  now: Date;
  /** The author marked the post as essential service information (matters in the pre-election period). */
  essentialServiceInformation?: boolean | undefined;
  /**
   * The pre-election period `now` falls in, if any. `checkDraft` fills it from the policy's dates; rules read it
   * rather than the dates themselves.
   */
  preElectionPeriod?: PreElectionPeriod | undefined;
}

/** A pre-election period from the policy file: whole days in UK time, both ends included (ISO dates). */
export interface PreElectionPeriod {
  from: string;
  to: string;
  name: string;
}

/** One thing the check found in a draft. `start`/`end` are UTF-16 offsets into the draft's text (end excluded). */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Plain English, addressed to the author: what is wrong and why it matters. */
  message: string;
  principle: PrincipleId;
  start: number;
  end: number;
  /** The fixed text or what to do instead, when there is one. */
  suggestion?: string | undefined;
}

/**
 * One rule of the guidance check. Rules are pure: the same draft, context and policy give the same findings.
 * Each rule owns its section of the policy file: `policy` validates it and `defaults` is what Parley ships.
 */
export interface Rule<Policy> {
  /** Stable id, used in findings, the policy file and the corpus: kebab-case, e.g. `personal-data`. */
  id: string;
  /** A short name for pages. */
  title: string;
  /** The principle a finding of this rule serves, unless a finding says otherwise. */
  principle: PrincipleId;
  policy: z.ZodType<Policy>;
  defaults: Policy;
  check(draft: Draft, context: DraftContext, policy: Policy): Finding[];
}
