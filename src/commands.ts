import { openStorage } from './app.js';
import { checkCommand } from './guidance/check-command.js';
import { matchCommand } from './listening/query/match-command.js';
import { auditCommand } from './platform/audit/audit-command.js';
import { tokenCommand } from './platform/auth/token-command.js';
import { userCommand } from './platform/auth/user-command.js';
import type { CliCommand } from './platform/cli/command.js';
import { migrateCommand } from './platform/db/migrate-command.js';
import { startCommand } from './start-command.js';
import { workerCommand } from './worker-command.js';

/** Every `parley` command, in the order `parley --help` lists them. */
export const commands: readonly CliCommand[] = [
  startCommand,
  workerCommand,
  migrateCommand(openStorage),
  userCommand(openStorage),
  tokenCommand(openStorage),
  auditCommand(openStorage),
  matchCommand,
  checkCommand,
];
