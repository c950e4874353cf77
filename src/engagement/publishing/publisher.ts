/** The platforms Parley publishes to. */
export type PlatformName = 'mastodon' | 'bluesky';

/** A Bluesky record's strong reference: its `at://` URI and the CID of the version meant. */
export interface StrongRef {
  uri: string;
  cid: string;
}

/** A post on a platform: what a reply answers, or what was published. */
export type PlatformPostRef =
  | { platform: 'mastodon'; statusId: string; url?: string }
  /** `root` is the thread's first post; leave it out when `uri` is itself the first post. */
  | { platform: 'bluesky'; uri: string; cid: string; root?: StrongRef };

/** One reply (or new post) to publish. Every field must be the same on every attempt for the same reply. */
export interface PublishRequest {
  /** The reply's UUID: the Mastodon `Idempotency-Key`, and what the Bluesky record key is derived from. */
  replyId: string;
  /** When the reply was created (ISO 8601): part of the Bluesky record key, and where Mastodon recovery stops looking. */
  createdAt: string;
  text: string;
  /** ISO 639-1 (`en`, `cy`). */
  language?: string;
  /** The post answered; none for a new post. */
  inReplyTo?: PlatformPostRef;
}

/**
 * What became of an attempt to publish:
 * - `published`: it is public (perhaps from an earlier attempt), at `url`.
 * - `retry`: nothing is known to be wrong with the reply; try again after `afterMs` with the same request
 *   (rate limits, 5xx answers, time-outs, network errors).
 * - `failed`: the platform refused it for good, with its own words in `message`; `credentialsProblem` when the
 *   channel's token or app password is wrong, expired or lacks permission, so its publishing should stop.
 */
export type PublishOutcome =
  | { kind: 'published'; url: string; platformId: string; publishedAt: string; ref: PlatformPostRef }
  | { kind: 'retry'; afterMs: number; message: string }
  | { kind: 'failed'; message: string; credentialsProblem: boolean };

/** Whether a channel's credentials work, and what it may post. */
export type AccountCheck =
  | { ok: true; handle: string; maxCharacters: number }
  | { ok: false; message: string; credentialsProblem: boolean };

/** Publishes a channel's replies to one platform account. */
export interface Publisher {
  readonly platform: PlatformName;
  /**
   * Publishes at most once per `replyId`: repeating a request (after a crash, a time-out or a `retry`) never makes a
   * second post while the platform still recognises the first attempt (Mastodon: an hour; Bluesky: always).
   */
  publish(request: PublishRequest): Promise<PublishOutcome>;
  /**
   * Recovery after a crash: whether this reply is already public. `undefined` when it is not; `retry` or `failed`
   * when the platform could not be asked. Call it before re-sending an attempt whose outcome was never recorded.
   */
  findPublished(request: PublishRequest): Promise<PublishOutcome | undefined>;
  /** Signs in (or checks the token) and reads the account's handle and the platform's length limit. */
  checkAccount(): Promise<AccountCheck>;
}

/** The ISO 639-1 code of a request's language, or undefined when it has none or a malformed one. */
export function languageCode(request: PublishRequest): string | undefined {
  const language = request.language?.trim().toLowerCase();
  return language !== undefined && /^[a-z]{2}$/.test(language) ? language : undefined;
}
