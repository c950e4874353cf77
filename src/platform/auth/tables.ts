/** The account tables: teams, users and their roles, sessions, API tokens and the sign-in throttle. */
export interface TeamTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  status: 'active' | 'disabled';
  /** 1 while the password is a one-time password that must be changed at the next sign-in. */
  must_change_password: number;
  team_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the session id in the cookie: a database leak gives no usable session. */
  id_hash: string;
  user_id: string;
  csrf_secret: string;
  created_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  token_hash: string;
  /** The first characters of the token, so that a person can tell their tokens apart. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SignInThrottleTable {
  /** 'ip:<address>' or 'account:<sha256 of the normalised email>'. */
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

declare module '../db/database.js' {
  interface Database {
    teams: TeamTable;
    users: UserTable;
    user_roles: UserRoleTable;
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    sign_in_throttle: SignInThrottleTable;
  }
}
