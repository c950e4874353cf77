// The cases of the inbox benchmark: one for each seeded mention, mostly closed, the recent ones mostly open, assigned
// to the officers of the mention's team, some in Welsh, some tagged; the same for the same seed.
import type { CaseTable } from '../../src/engagement/cases/tables.js';
import { Random } from './random.js';

/** A stored mention a case opens for. */
export interface SeededMention {
  id: string;
  externalId: string;
  sourceKind: string;
  language: string;
  createdAt: string;
}

/** Who and what cases are shared among. */
export interface InboxPeople {
  officers: readonly { id: string; teamId: string }[];
  teamIds: readonly string[];
  /** The channel that answers on each platform. */
  channelIds: Partial<Record<string, string>>;
}

/** A case row, its first mention's link and its tags. */
export interface SeededCase {
  row: CaseTable;
  externalId: string;
  tags: string[];
}

const TAGS = ['payments', 'complaint', 'bins', 'housing', 'accessibility'] as const;
const hour = 3_600_000;
const day = 24 * hour;

/** One case per mention, as seen at `now`. */
export function* generateInboxCases(mentions: Iterable<SeededMention>, people: InboxPeople, now: number, seed = 20_261_121): Generator<SeededCase> {
  const random = new Random(seed);
  let n = 0;
  for (const mention of mentions) {
    n += 1;
    const opened = Date.parse(mention.createdAt);
    const recent = now - opened < 14 * day;
    const open = recent ? random.chance(0.85) : random.chance(0.02);
    const teamId = random.pick(people.teamIds);
    const teamOfficers = people.officers.filter((o) => o.teamId === teamId);
    const assignee = open && random.chance(0.3) ? null : random.pick(teamOfficers.length > 0 ? teamOfficers : people.officers).id;
    const due = opened + random.int(4, 240) * hour;
    const answered = !open && random.chance(0.85);
    const responseMinutes = answered ? Math.round(Math.exp(random.next() * 7) + 5) : null;
    const respondedAt = responseMinutes === null ? null : new Date(opened + responseMinutes * 60_000 * 2).toISOString();
    const status = open ? random.pick(['new', 'needs_reply', 'needs_reply', 'escalated'] as const) : answered ? 'answered' : 'no_reply_needed';
    const dueAt = new Date(due).toISOString();
    const closedAt = open ? null : respondedAt ?? new Date(opened + 3 * hour).toISOString();
    yield {
      externalId: mention.externalId,
      tags: random.chance(0.2) ? [random.pick(TAGS)] : [],
      row: {
        id: `case-${String(n).padStart(7, '0')}`, mention_id: mention.id, thread_key: mention.externalId, channel_id: people.channelIds[mention.sourceKind] ?? null,
        team_id: teamId, assignee_id: assignee, status, is_open: open ? 1 : 0, sort_due: dueAt, no_reply_reason: status === 'no_reply_needed' ? 'no_question' : null,
        escalated_to: status === 'escalated' ? 'complaints' : null, priority: random.pick(['low', 'normal', 'normal', 'normal', 'high', 'urgent'] as const),
        language: mention.language, opened_by_watch: null, opened_by_user: null, opened_at: mention.createdAt, due_at: dueAt, first_response_at: respondedAt,
        first_response_minutes: responseMinutes, resolved_at: closedAt, resolution_minutes: closedAt === null ? null : responseMinutes ?? 180,
        reopened_count: 0, updated_at: closedAt ?? mention.createdAt,
      },
    };
  }
}
