import type { Kysely } from 'kysely';
import { checkWithPlatform } from '../../channels/channel-publisher.js';
import { activateChannel, createChannel } from '../../channels/channels.js';
import { mentionInput, type MentionSpec } from '../../listening/mentions/mention-fixtures.js';
import { storeMention } from '../../listening/mentions/mention-store.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import { createTeam } from '../../platform/auth/teams.js';
import { createUser } from '../../platform/auth/users.js';
import { setTrustLevel } from '../../guidance/review/trust-store.js';
import type { Database } from '../../platform/db/database.js';
import { credentialCipher } from '../../platform/secrets/encryption.js';
import { openCaseFromMention } from '../cases/case-actions.js';
import type { Author } from './replies.js';

/** The cipher tests seal channel credentials with. */
export const testCipher = credentialCipher(Buffer.alloc(32, 7));

const system: Actor = { type: 'system', label: 'test' };

/** A team with two trusted officers (their replies of no or low risk publish at once), for reply tests. */
export async function replyPeople(db: Kysely<Database>): Promise<{ teamId: string; olwen: Author; rhys: Author }> {
  const teamId = (await createTeam(db, system, { name: 'Benefits' })).id;
  const person = async (email: string, name: string): Promise<Author> => {
    const { user } = await createUser(db, system, { email, name, roles: ['officer'], teamId });
    await setTrustLevel(db, system, user.id, 'trusted');
    return { type: 'user', id: user.id, label: email };
  };
  return { teamId, olwen: await person('olwen@example.gov.uk', 'Olwen Officer'), rhys: await person('rhys@example.gov.uk', 'Rhys Officer') };
}

/** A channel switched on against a fake platform (its credentials checked over HTTP as in production). */
export async function activeChannel(db: Kysely<Database>, teamId: string, spec: { platform: 'mastodon'; instanceUrl: string; secret: string } | { platform: 'bluesky'; service: string; handle: string; secret: string }): Promise<string> {
  const config = spec.platform === 'mastodon' ? { instanceUrl: spec.instanceUrl } : { service: spec.service, handle: spec.handle };
  const channel = await createChannel(db, system, testCipher, {
    platform: spec.platform, name: `${spec.platform} channel`, config, secret: spec.secret,
    objectives: 'Answer questions about benefits', teamId, staffedHours: 'Monday to Friday, 9am to 5pm', promiseAmount: 2, promiseUnit: 'working_days',
  });
  await activateChannel(db, system, testCipher, checkWithPlatform, channel.id);
  return channel.id;
}

/** Stores a mention and opens a case on it by hand, as an officer would. Returns the case's id. */
export async function caseFor(db: Kysely<Database>, author: Author, teamId: string, spec: MentionSpec): Promise<string> {
  const { id } = await db.transaction().execute((trx) => storeMention(trx, mentionInput(spec)));
  return (await openCaseFromMention(db, author, id, teamId)).id;
}
