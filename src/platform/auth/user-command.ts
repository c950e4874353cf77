import type { CliCommand, CliIo } from '../cli/command.js';
import { parseFlags, UsageError } from '../cli/command.js';
import { withStorage, type StorageOpener } from '../cli/storage.js';
import { AppError } from '../errors/app-error.js';
import { listTeams } from './teams.js';
import { createUser, disableUser } from './users.js';
import { findUserByEmail } from './users-repository.js';
import { roles } from './roles.js';

const cliActor = { type: 'system', label: 'cli' } as const;

/**
 * Prints an AppError on stderr, its problems one per line as the flags they concern; returns the exit code:
 * 1 when the thing named does not exist, 2 for bad input.
 */
export function reportAppError(error: AppError, io: CliIo): number {
  io.stderr.write(`${error.message}\n`);
  for (const problem of error.problems) io.stderr.write(`  ${problem.path ? `--${problem.path.split('.')[0] ?? ''}: ` : ''}${problem.message}\n`);
  return error.status === 404 ? 1 : 2;
}

/** `parley user add|disable`: manage accounts from the command line (for the first admin, scripts and recovery). */
export function userCommand(open: StorageOpener): CliCommand {
  return {
    name: 'user',
    summary: 'Add or disable a user account',
    help: [
      'usage: parley user add --email EMAIL --name NAME --role ROLE [--role ROLE …] [--team TEAM]',
      '       parley user disable --email EMAIL',
      '',
      'add      makes an account and prints its one-time password once; the person chooses their own at first sign-in.',
      'disable  disables an account and ends all its sessions at once.',
      '',
      `roles: ${roles.join(', ')}`,
    ].join('\n'),
    run: async (args, io) => {
      const { values, positionals } = parseFlags(args, {
        email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', multiple: true }, team: { type: 'string' },
      }, true);
      const [action, ...extra] = positionals;
      if (extra.length > 0) throw new UsageError(`unexpected argument '${extra.join(' ')}'`);
      if (action !== 'add' && action !== 'disable') throw new UsageError(action === undefined ? 'say what to do: add or disable' : `unknown subcommand '${action}'`);
      if (values.email === undefined) throw new UsageError('--email is required');
      const email = values.email;
      return withStorage(open, io, async (handle) => {
        try {
          if (action === 'disable') {
            const user = await findUserByEmail(handle.db, email.trim().toLowerCase());
            if (!user) throw new AppError('not_found', `There is no account with the email address ${email}`);
            await disableUser(handle.db, cliActor, user.id);
            io.stdout.write(`Disabled ${user.email}; their sessions have ended.\n`);
            return 0;
          }
          let teamId: string | null = null;
          if (values.team !== undefined) {
            const wanted = values.team.trim().toLowerCase();
            const team = (await listTeams(handle.db)).find((t) => t.name.toLowerCase() === wanted);
            if (!team) throw new AppError('validation_failed', `There is no team called ${values.team}`);
            teamId = team.id;
          }
          const { user, oneTimePassword } = await createUser(handle.db, cliActor, { email, name: values.name ?? '', roles: values.role ?? [], teamId });
          io.stdout.write(`Added ${user.email} (${user.roles.join(', ')}).\nOne-time password (shown once): ${oneTimePassword}\n`);
          return 0;
        } catch (error) {
          if (error instanceof AppError) return reportAppError(error, io);
          throw error;
        }
      });
    },
  };
}
