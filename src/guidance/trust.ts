/**
 * How much an author is trusted to publish without review, set per user by an admin:
 * - `supervised`: every post is reviewed by someone in the owning team;
 * - `trusted`: posts of no or low risk publish at once.
 * There is no level above: a post of medium risk or worse always goes to a reviewer, since commitments need someone
 * who can commit.
 */
export const trustLevels = ['supervised', 'trusted'] as const;

/** One of the trust levels. */
export type TrustLevel = (typeof trustLevels)[number];

/** True when the text names a trust level. */
export function isTrustLevel(text: string): text is TrustLevel {
  return trustLevels.some((level) => level === text);
}
