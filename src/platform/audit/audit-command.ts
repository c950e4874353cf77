import type { CliCommand } from '../cli/command.js';
import { parseFlags, UsageError } from '../cli/command.js';
import { withStorage, type StorageOpener } from '../cli/storage.js';
import { verifyAuditChain } from './audit-log.js';

/** `parley audit verify`: checks the audit log's hash chain from the first event to the last. */
export function auditCommand(open: StorageOpener): CliCommand {
  return {
    name: 'audit',
    summary: 'Verify the audit log’s hash chain',
    help: 'usage: parley audit verify\n\nWalks the audit log from the first event and checks that each event links to the hash of the one before\nand that its own hash matches its contents. Exits 0 when the chain is intact, 1 naming the first broken\nlink otherwise.',
    run: async (args, io) => {
      const { positionals } = parseFlags(args, {}, true);
      if (positionals.length !== 1 || positionals[0] !== 'verify') throw new UsageError(positionals.length === 0 ? 'say what to do: verify' : `unknown subcommand '${positionals.join(' ')}'`);
      return withStorage(open, io, async (handle) => {
        const result = await verifyAuditChain(handle.db);
        if (result.ok) {
          io.stdout.write(`The audit log is intact: ${result.events} events checked.\n`);
          return 0;
        }
        io.stdout.write(`The audit log is BROKEN at event ${result.brokenAt}: ${result.reason}. Events 1 to ${result.events} are intact.\n`);
        return 1;
      });
    },
  };
}
