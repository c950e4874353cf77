import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/database.js';
import { credentialCipher, type CredentialCipher } from '../platform/secrets/encryption.js';
import type { MentionsStoredHook } from './ingest/stored-mention.js';
import { createMatcher, type Matcher } from './query/matcher.js';
import { createWatchSync, type WatchSync } from './watches/watch-sync.js';

/** What every process that ingests needs: the live matcher, the sync that keeps it current, and the credential cipher. */
export interface ListeningCore {
  matcher: Matcher;
  watchSync: WatchSync;
  cipher: CredentialCipher;
  /** What else happens to new mentions in the transaction that stores them: the engagement feature opens cases. */
  onStored?: MentionsStoredHook;
}

/** Compiles the stored watches into a matcher and starts keeping it in step (every 2 s), for one process. */
export async function startListeningCore(db: Kysely<Database>, secretKey: Buffer, onError: (error: unknown) => void): Promise<ListeningCore> {
  const matcher = createMatcher();
  const watchSync = createWatchSync(db, matcher);
  await watchSync.refresh();
  watchSync.start(2000, onError);
  return { matcher, watchSync, cipher: credentialCipher(secretKey) };
}
