import type { CliCommand } from '../cli/command.js';
import { parseFlags } from '../cli/command.js';
import { withStorage, type StorageOpener } from '../cli/storage.js';

/** `parley migrate`: brings the database schema up to date (start does this too). */
export function migrateCommand(open: StorageOpener): CliCommand {
  return {
    name: 'migrate',
    summary: 'Bring the database schema up to date',
    help: 'usage: parley migrate\n\nApplies every migration not yet applied to the configured database (PARLEY_DATABASE_URL, or SQLite in PARLEY_DATA_DIR).\n`parley start` does the same before it serves.',
    run: async (args, io) => {
      parseFlags(args, {});
      return withStorage(open, io, (handle) => {
        io.stdout.write(`Database ${handle.location} (${handle.dialect}) is up to date.\n`);
        return Promise.resolve(0);
      });
    },
  };
}
