import type { Migration } from 'kysely';
import * as accounts from './platform/auth/migrations/0001-accounts.js';
import * as auditLog from './platform/audit/migrations/0002-audit-log.js';
import * as mentions from './listening/mentions/migrations/0003-mentions.js';
import * as watches from './listening/watches/migrations/0004-watches.js';
import * as sources from './listening/sources/migrations/0005-sources.js';
import * as mentionSearchPairsAndDays from './listening/mentions/migrations/0006-mention-search-pairs-and-days.js';
import * as calendar from './engagement/calendar/migrations/0007-calendar.js';
import * as channels from './channels/migrations/0008-channels.js';
import * as cases from './engagement/cases/migrations/0009-cases.js';
import * as casePresence from './engagement/cases/migrations/0010-case-presence.js';
import * as replies from './engagement/replies/migrations/0011-replies.js';
import * as serviceLevelIndexes from './engagement/service-levels/migrations/0012-service-level-indexes.js';
import * as channelSessions from './channels/migrations/0013-channel-sessions.js';
import * as reviews from './guidance/review/migrations/0014-reviews.js';
import * as guidancePolicy from './guidance/migrations/0015-guidance-policy.js';
import * as reviewDecisions from './guidance/review/migrations/0016-review-decisions.js';

/** Every migration, by name; names sort in the order they run. Append new ones; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-accounts': accounts,
  '0002-audit-log': auditLog,
  '0003-mentions': mentions,
  '0004-watches': watches,
  '0005-sources': sources,
  '0006-mention-search-pairs-and-days': mentionSearchPairsAndDays,
  '0007-calendar': calendar,
  '0008-channels': channels,
  '0009-cases': cases,
  '0010-case-presence': casePresence,
  '0011-replies': replies,
  '0012-service-level-indexes': serviceLevelIndexes,
  '0013-channel-sessions': channelSessions,
  '0014-reviews': reviews,
  '0015-guidance-policy': guidancePolicy,
  '0016-review-decisions': reviewDecisions,
};
