import type { Kysely } from 'kysely';
import { hasPermission, type Permission } from '../auth/roles.js';
import type { User } from '../auth/users-repository.js';
import type { Database } from '../db/database.js';

/** One entry of the service navigation; shown only to those with the permission, when one is named. */
export interface NavItem {
  text: string;
  href: string;
  permission?: Permission;
  /** A number shown beside the entry (work waiting, say), counted per request for those who see it; 0 shows none. */
  count?: {
    of: (db: Kysely<Database>, user: User) => Promise<number>;
    /** What the number counts, for screen readers: "cases waiting for you". */
    label: string;
  };
}

/** An entry as the layout renders it. */
export interface NavEntry {
  text: string;
  href: string;
  active: boolean;
  count?: number;
  countLabel?: string;
}

async function countOf(item: NavItem, db: Kysely<Database>, user: User): Promise<Pick<NavEntry, 'count' | 'countLabel'>> {
  if (!item.count) return {};
  try {
    const count = await item.count.of(db, user);
    return count > 0 ? { count, countLabel: item.count.label } : {};
  } catch {
    // The number is a convenience: a page (an error page, even) still renders without it.
    return {};
  }
}

/** The entries a user may see, with the one for the current page marked and their counts. */
export async function navigationFor(items: readonly NavItem[], user: User | undefined, path: string, db: Kysely<Database>): Promise<NavEntry[]> {
  if (!user || user.mustChangePassword) return [];
  const visible = items.filter((item) => item.permission === undefined || hasPermission(user.roles, item.permission));
  const current = visible
    .filter((item) => (item.href === '/' ? path === '/' : path === item.href || path.startsWith(`${item.href}/`) || path.startsWith(`${item.href}?`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return Promise.all(visible.map(async (item) => ({ text: item.text, href: item.href, active: item === current, ...(await countOf(item, db, user)) })));
}
