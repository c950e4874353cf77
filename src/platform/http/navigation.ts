import { hasPermission, type Permission } from '../auth/roles.js';
import type { User } from '../auth/users-repository.js';

/** One entry of the service navigation; shown only to those with the permission, when one is named. */
export interface NavItem {
  text: string;
  href: string;
  permission?: Permission;
}

/** The entries a user may see, with the one for the current page marked. */
export function navigationFor(items: readonly NavItem[], user: User | undefined, path: string): { text: string; href: string; active: boolean }[] {
  if (!user || user.mustChangePassword) return [];
  const visible = items.filter((item) => item.permission === undefined || hasPermission(user.roles, item.permission));
  const current = visible
    .filter((item) => (item.href === '/' ? path === '/' : path === item.href || path.startsWith(`${item.href}/`) || path.startsWith(`${item.href}?`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return visible.map((item) => ({ text: item.text, href: item.href, active: item === current }));
}
