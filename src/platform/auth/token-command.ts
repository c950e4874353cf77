import type { CliCommand } from '../cli/command.js';
import { parseFlags, UsageError } from '../cli/command.js';
import { withStorage, type StorageOpener } from '../cli/storage.js';
import { AppError } from '../errors/app-error.js';
import { createApiToken, revokeApiToken } from './api-tokens.js';
import { reportAppError } from './user-command.js';
import { findUserByEmail } from './users-repository.js';

const cliActor = { type: 'system', label: 'cli' } as const;

/** `parley token create|revoke`: personal API tokens for scripts and integrations. */
export function tokenCommand(open: StorageOpener): CliCommand {
  return {
    name: 'token',
    summary: 'Create or revoke a personal API token',
    help: [
      'usage: parley token create --user EMAIL [--name NAME]',
      '       parley token revoke --id TOKEN_ID',
      '',
      'create  prints a new token for the user once (only its hash is stored); it acts with the user’s roles.',
      'revoke  stops a token from working. Its id is shown on the user’s page and by GET /api/v1/tokens.',
    ].join('\n'),
    run: async (args, io) => {
      const { values, positionals } = parseFlags(args, { user: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' } }, true);
      const [action, ...extra] = positionals;
      if (extra.length > 0) throw new UsageError(`unexpected argument '${extra.join(' ')}'`);
      if (action === 'create' && values.user === undefined) throw new UsageError('--user is required');
      if (action === 'revoke' && values.id === undefined) throw new UsageError('--id is required');
      if (action !== 'create' && action !== 'revoke') throw new UsageError(action === undefined ? 'say what to do: create or revoke' : `unknown subcommand '${action}'`);
      return withStorage(open, io, async (handle) => {
        try {
          if (action === 'revoke') {
            const info = await revokeApiToken(handle.db, cliActor, values.id ?? '');
            io.stdout.write(`Revoked token ${info.id} (${info.name}).\n`);
            return 0;
          }
          const email = (values.user ?? '').trim().toLowerCase();
          const user = await findUserByEmail(handle.db, email);
          if (!user) throw new AppError('not_found', `There is no account with the email address ${email}`);
          const { info, token } = await createApiToken(handle.db, cliActor, user.id, { name: values.name ?? 'command line' });
          io.stderr.write(`Token ${info.id} for ${user.email}. It is shown once; store it safely.\n`);
          io.stdout.write(`${token}\n`);
          return 0;
        } catch (error) {
          if (error instanceof AppError) return reportAppError(error, io);
          throw error;
        }
      });
    },
  };
}
