/** The guidance policy as an admin last saved it: one row, or none while the file or the default applies. */
export interface GuidancePolicyTable {
  /** Always 1: there is one current policy. */
  id: number;
  /** The JSON document exactly as the admin wrote it (notes and layout kept). */
  document: string;
  /** The user who saved it; null when a process did (such as a script through the CLI). */
  updated_by_id: string | null;
  /** Who saved it, as the audit log names them (an email address). */
  updated_by_label: string;
  updated_at: string;
}

/** The policy store's table, for the migration that makes it (a type alias: Kysely's withTables needs one). */
export type GuidancePolicyTables = {
  guidance_policy: GuidancePolicyTable;
};

declare module '../platform/db/database.js' {
  interface Database {
    guidance_policy: GuidancePolicyTable;
  }
}
