import type { Kysely } from 'kysely';
import { blueskyChannelConfig, mastodonChannelConfig } from '../../channels/channel-plan.js';
import type { Channel } from '../../channels/channel-repository.js';
import { getMention } from '../../listening/mentions/mention-read.js';
import type { Database } from '../../platform/db/database.js';
import { readBlueskyPostRef, resolveMastodonStatus, type PlatformPostRef, type PublishOutcome } from '../publishing/index.js';
import type { Reply } from './reply-repository.js';

/** The post a reply answers (undefined for a new post), or why it cannot be known now. */
export type ReplyTarget = { ok: true; ref: PlatformPostRef | undefined } | { ok: false; outcome: PublishOutcome };

const failed = (message: string): ReplyTarget => ({ ok: false, outcome: { kind: 'failed', message, credentialsProblem: false } });

/** How a reply's target is read from the platforms: replaceable in tests that simulate a platform's answers. */
export interface TargetReaders {
  readBluesky: typeof readBlueskyPostRef;
  resolveMastodon: typeof resolveMastodonStatus;
}

const platformReaders: TargetReaders = { readBluesky: readBlueskyPostRef, resolveMastodon: resolveMastodonStatus };

/**
 * Works out the post a reply answers, from the mention it answers. Mastodon: the status id in the mention's external
 * id (`host:id`) when the channel posts from the instance it was read from; otherwise the status is looked up by its
 * URL on the channel's instance, since Mastodon ids are per instance. Bluesky: the at:// URI, with the CID and thread
 * root read from the platform (listening does not keep them). `secret` is the channel's opened credential.
 */
export async function resolveReplyTarget(db: Kysely<Database>, reply: Reply, channel: Channel, secret: string, readers: TargetReaders = platformReaders): Promise<ReplyTarget> {
  if (reply.inReplyTo !== null) return { ok: true, ref: reply.inReplyTo };
  if (reply.mentionId === null) return { ok: true, ref: undefined };
  const mention = await getMention(db, reply.mentionId);
  if (!mention) return failed('The mention this reply answers has been deleted, so there is no post to reply under.');
  if (mention.sourceKind !== channel.platform) return failed(`A ${channel.platform === 'mastodon' ? 'Mastodon' : 'Bluesky'} channel cannot reply to a post from ${mention.sourceKind}.`);
  if (channel.platform === 'bluesky') return readers.readBluesky(blueskyChannelConfig.parse(channel.config).service, mention.externalId);
  const cut = mention.externalId.lastIndexOf(':');
  const host = mention.externalId.slice(0, cut);
  const statusId = mention.externalId.slice(cut + 1);
  if (cut <= 0 || statusId === '') return failed(`The mention’s id “${mention.externalId}” does not name a Mastodon status.`);
  const { instanceUrl } = mastodonChannelConfig.parse(channel.config);
  if (host !== new URL(instanceUrl).host) {
    if (mention.url === null) return failed(`The post was read from ${host} without its address, so it cannot be found from ${new URL(instanceUrl).host} to reply to.`);
    return readers.resolveMastodon({ instanceUrl, accessToken: secret, statusUrl: mention.url });
  }
  return { ok: true, ref: { platform: 'mastodon', statusId, ...(mention.url === null ? {} : { url: mention.url }) } };
}
