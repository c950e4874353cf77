/**
 * Publishing replies and posts to the platforms a channel speaks on.
 *
 * - `Publisher` (`createMastodonPublisher`, `createBlueskyPublisher`): `publish(request)` → `PublishOutcome`
 *   (`published` with url, platformId, publishedAt and a `PlatformPostRef`; `retry` after `afterMs`; `failed` with the
 *   platform's message and `credentialsProblem`), `findPublished(request)` for recovery after a crash (undefined:
 *   not published), `checkAccount()` → handle and the platform's length limit.
 * - A `PublishRequest` carries the reply's UUID and creation time, which must be the same on every attempt: they are
 *   the Mastodon `Idempotency-Key` and the source of the Bluesky record key (`tidForReply`).
 * - Length: `countForMastodon` (links count 23, `@user@domain` counts as `@user`), `countForBluesky` (graphemes),
 *   `lengthProblem(text, { platform, maxCharacters })` for the compose page.
 *
 * At most once: publish the same request again after a `retry` or an unknown end; before re-sending an attempt
 * whose outcome was never recorded, ask `findPublished` first (Mastodon forgets idempotency keys after an hour).
 */
export { readBlueskyPostRef } from './bluesky-post-ref.js';
export { createBlueskyPublisher, type BlueskyPublisherOptions, type BlueskySession } from './bluesky.js';
export { createMastodonPublisher, type MastodonPublisherOptions } from './mastodon.js';
export { resolveMastodonStatus } from './mastodon-status-ref.js';
export type { AccountCheck, PlatformName, PlatformPostRef, PublishOutcome, PublishRequest, Publisher, StrongRef } from './publisher.js';
export {
  BLUESKY_MAX_BYTES, BLUESKY_MAX_GRAPHEMES, MASTODON_DEFAULT_MAX_CHARACTERS, countFor, countForBluesky, countForMastodon, lengthProblem, type LengthLimit,
} from './text-length.js';
export { isValidTid, tidForReply } from './tid.js';
