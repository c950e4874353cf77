import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { BlueskySession } from '../engagement/publishing/index.js';
import type { Database } from '../platform/db/database.js';
import type { CredentialCipher } from '../platform/secrets/encryption.js';

const storedSession = z.object({ accessJwt: z.string().min(1), refreshJwt: z.string().min(1), did: z.string().startsWith('did:'), handle: z.string().min(1) });

/** Seals a Bluesky session for the channels table, as the app password is sealed. */
export function sealSession(cipher: CredentialCipher, session: BlueskySession): string {
  const { accessJwt, refreshJwt, did, handle } = session;
  return cipher.encrypt(JSON.stringify({ accessJwt, refreshJwt, did, handle }));
}

/** Opens a stored session; undefined when there is none or it cannot be read (the key changed, say): signing in again mends that. */
export function openSession(cipher: CredentialCipher, sealed: string | null | undefined): BlueskySession | undefined {
  if (!sealed) return undefined;
  try {
    const read = storedSession.safeParse(JSON.parse(cipher.decrypt(sealed)));
    return read.success ? read.data : undefined;
  } catch {
    return undefined;
  }
}

/** Where a channel's publisher keeps its Bluesky session, so that a restarted worker does not sign in again. */
export interface ChannelSessionStore {
  /** The stored session, or undefined (none, unreadable, or the database would not say: each means signing in). Never rejects. */
  load(): Promise<BlueskySession | undefined>;
  /**
   * The session stored now, which another worker on the channel may have renewed since `load`; undefined when there is
   * none, the channel is no longer on, or no longer on the account (config and credentials) it was loaded with. Never rejects.
   */
  latest(): Promise<BlueskySession | undefined>;
  /**
   * Keeps a new session, if the channel is still on the account it was loaded with (and nothing, if `load` failed).
   * The publisher does not wait for it: writes run in order and a failure is logged, without the tokens.
   */
  save(session: BlueskySession): void;
  /** Settles once the saves asked for so far are written or have failed. */
  settled(): Promise<void>;
}

/** The account a session belongs to, as the channels table holds it: its config (service and handle) and its sealed secret. */
interface LoadedAccount {
  config: string;
  credentials: string | null;
}

/**
 * The session store of one channel. A session is written only while the channel is on and its config and credentials
 * are those it was loaded with, so a publisher still at work after the account changed or the channel was paused
 * cannot put back a session that was cleared, nor one of the old account.
 */
export function channelSessionStore(db: Kysely<Database>, cipher: CredentialCipher, channelId: string, logger: Pick<Logger, 'warn' | 'debug'>): ChannelSessionStore {
  let loaded: LoadedAccount | undefined;
  let writes: Promise<void> = Promise.resolve();
  const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : 'unknown error');
  const read = () => db.selectFrom('channels').select(['config', 'credentials', 'session', 'status']).where('id', '=', channelId).executeTakeFirst();

  return {
    async load() {
      try {
        const row = await read();
        loaded = row && { config: row.config, credentials: row.credentials };
        return openSession(cipher, row?.session);
      } catch (error) {
        logger.warn({ channel: channelId, reason: reasonOf(error) }, 'could not read the stored Bluesky session of a channel; signing in instead');
        return undefined;
      }
    },
    async latest() {
      if (loaded === undefined) return undefined;
      try {
        const row = await read();
        if (row?.status !== 'active' || row.config !== loaded.config || row.credentials !== loaded.credentials) return undefined;
        return openSession(cipher, row.session);
      } catch (error) {
        logger.warn({ channel: channelId, reason: reasonOf(error) }, 'could not read the stored Bluesky session of a channel again; renewing the one in hand');
        return undefined;
      }
    },
    save(session) {
      const account = loaded;
      if (account === undefined) {
        logger.debug({ channel: channelId }, 'not storing the Bluesky session of a channel: the channel could not be read when its publisher started');
        return;
      }
      writes = writes.then(async () => {
        const update = db.updateTable('channels').set({ session: sealSession(cipher, session) })
          .where('id', '=', channelId).where('status', '=', 'active').where('config', '=', account.config);
        await (account.credentials === null ? update.where('credentials', 'is', null) : update.where('credentials', '=', account.credentials)).execute();
      }).catch((error: unknown) => {
        logger.warn({ channel: channelId, reason: reasonOf(error) }, 'could not store the Bluesky session of a channel; the next worker to start signs in again');
      });
    },
    settled: () => writes,
  };
}
