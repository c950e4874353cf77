/** The roles an admin gives to people. */
export const roles = ['officer', 'reviewer', 'head-of-digital', 'press-office', 'hr', 'it-admin', 'admin'] as const;

/** One of the roles. */
export type Role = (typeof roles)[number];

/** What each role is for, as the user pages describe it. */
export const roleDescriptions: Record<Role, string> = {
  officer: 'Drafts and sends replies',
  reviewer: 'Line manager: approves replies that need review',
  'head-of-digital': 'Approves high-risk replies and owns channels',
  'press-office': 'Sees high-risk political drafts, when the guidance policy names this role',
  hr: 'Reads guidance acknowledgements and staff access',
  'it-admin': 'Runs the web proxy and site access policy',
  admin: 'Manages users, teams and settings, and reads the audit log',
};

/** Things a request may need permission to do, and the roles that have each. */
export const permissions = {
  'users:manage': ['admin'],
  'teams:manage': ['admin'],
  'audit:read': ['admin'],
  'tokens:manage-any': ['admin'],
  'sources:manage': ['head-of-digital', 'admin'],
  'watches:manage': ['officer', 'reviewer', 'head-of-digital', 'admin'],
  'mentions:read': ['officer', 'reviewer', 'head-of-digital', 'admin'],
  'mentions:delete': ['admin'],
  'calendar:manage': ['admin'],
  'channels:manage': ['head-of-digital', 'admin'],
  'replies:write': ['officer', 'reviewer', 'head-of-digital', 'admin'],
  'saved-replies:manage': ['reviewer', 'head-of-digital', 'admin'],
  'reports:read': ['reviewer', 'head-of-digital', 'admin'],
  'cases:read': ['officer', 'reviewer', 'head-of-digital', 'admin'],
  'cases:work': ['officer', 'reviewer', 'head-of-digital', 'admin'],
  'reviews:decide': ['reviewer', 'head-of-digital', 'press-office', 'admin'],
  'guidance:manage': ['head-of-digital', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

/** A permission name. */
export type Permission = keyof typeof permissions;

/** True when someone with these roles has the permission. */
export function hasPermission(userRoles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = permissions[permission];
  return userRoles.some((role) => allowed.includes(role));
}

/** True when the text is a role name. */
export function isRole(text: string): text is Role {
  return (roles as readonly string[]).includes(text);
}
