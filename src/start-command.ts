import type { Logger } from 'pino';
import { createWebApp, openStorage, startChangeRelay, startHousekeeping, startIngest, startListening, startPublishing } from './app.js';
import { loadDemoOrganisation } from './demo/organisation.js';
import { checkingPolicyFirst, exitOnPolicyFileError } from './guidance/policy-file.js';
import { stopSignal } from './platform/cli/stop-signal.js';
import { startReplay } from './demo/replay-source.js';
import type { CliCommand, CliIo } from './platform/cli/command.js';
import { parseFlags, UsageError } from './platform/cli/command.js';
import { withStorage } from './platform/cli/storage.js';
import { ensureFirstAdmin } from './platform/auth/users.js';
import type { Config } from './platform/config/config.js';
import type { DatabaseHandle } from './platform/db/database.js';
import { createLogger } from './platform/logger.js';
import { forkWebProcesses, isWebProcess } from './platform/cluster/web-processes.js';

function printOnce(io: CliIo, lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length));
  const rule = '─'.repeat(width + 2);
  io.stdout.write(`┌${rule}┐\n${lines.map((l) => `│ ${l.padEnd(width)} │`).join('\n')}\n└${rule}┘\n`);
}

const where = (storage: DatabaseHandle) => (storage.dialect === 'sqlite' ? `(SQLite: ${storage.location})` : `(PostgreSQL: ${storage.location})`);

/** A forked web process: serves requests on the shared port until its primary lets it go or it is asked to stop. */
async function serveWeb(config: Config, storage: DatabaseHandle, logger: Logger): Promise<number> {
  const server = await createWebApp(config, storage, logger);
  const stopping = Promise.race([stopSignal(), new Promise<string>((resolve) => process.once('disconnect', () => resolve('disconnect')))]);
  await server.listen({ port: config.port, host: config.host });
  await stopping;
  await server.close();
  return 0;
}

/** `parley start`: migrate, make the first admin on an empty database, and serve until SIGTERM. */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Run the web server and ingest in one process',
  help: [
    'usage: parley start [--demo] [--port N]',
    '',
    '--demo    load a small fictional organisation (teams, a user in every role, watches) and replay',
    '          fictional English and Welsh posts as live mentions, to try Parley with',
    '--port N  listen on port N (default: PARLEY_PORT, else 3000)',
    '',
    'With PARLEY_WEB_PROCESSES above 1, that many processes serve the web on the port and this one runs ingest',
    'and publishing (and replaces a web process that dies).',
    '',
    'On an empty database it creates the first admin (PARLEY_ADMIN_EMAIL, default admin@localhost) and prints',
    'a one-time password once. An invalid guidance policy file (PARLEY_GUIDANCE_POLICY) stops it with every',
    'problem and exit 2. SIGTERM or Ctrl-C stops taking requests, finishes those in flight, closes the',
    'database and exits 0.',
  ].join('\n'),
  run: async (args, io) => {
    const { values } = parseFlags(args, { demo: { type: 'boolean' }, port: { type: 'string' } });
    if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new UsageError(`--port must be a whole number, not '${values.port}'`);
    const env = values.port !== undefined ? { ...io.env, PARLEY_PORT: values.port } : io.env;
    return exitOnPolicyFileError(io, () => withStorage(checkingPolicyFirst(openStorage), { ...io, env }, async (storage, config) => {
      const logger: Logger = createLogger(config.logLevel);
      if (isWebProcess()) return serveWeb(config, storage, logger);
      const password = await ensureFirstAdmin(storage.db, config.adminEmail);
      if (password !== undefined) {
        printOnce(io, ['First start: an admin account has been created.', `Email:    ${config.adminEmail}`, `Password: ${password}`, 'This one-time password is shown only now. Sign in and choose your own.']);
      }
      if (values.demo === true) {
        const demo = await loadDemoOrganisation(storage.db);
        if (demo) {
          printOnce(io, ['Demo organisation loaded. Every demo account has this password:', `Password: ${demo.password}`, ...demo.people.map((p) => `${p.roles.join(', ').padEnd(27)} ${p.email}`)]);
        } else {
          io.stdout.write('Demo organisation already loaded (its password was printed when it was first loaded).\n');
        }
      }
      const listening = await startListening(config, storage, logger);
      const stopRelay = await startChangeRelay(config, storage, logger);
      const forked = config.webProcesses > 1
        ? forkWebProcesses(config.webProcesses, (pid, code) => logger.warn({ webProcess: pid, code }, 'a web process stopped unasked; starting another'))
        : undefined;
      const server = forked ? undefined : await createWebApp(config, storage, logger, listening);
      const stopHousekeeping = startHousekeeping(config, storage, logger);
      const stopIngest = startIngest(config, storage, logger, listening);
      const stopPublishing = startPublishing(storage, logger, listening);
      const stopReplay = values.demo === true
        ? await startReplay(storage.db, listening.cipher, listening, (error) => logger.warn({ err: error }, 'demo replay failed'))
        : () => undefined;
      const stopping = stopSignal();
      if (server) {
        await server.listen({ port: config.port, host: config.host });
        const address = server.server.address();
        const port = address !== null && typeof address === 'object' ? address.port : config.port;
        io.stdout.write(`Parley ${where(storage)} is running at http://localhost:${port}\n`);
      } else if (forked) {
        const port = await forked.listening;
        io.stdout.write(`Parley ${where(storage)} is running at http://localhost:${port} in ${config.webProcesses} web processes\n`);
      }
      const signal = await stopping;
      logger.info({ signal }, 'stopping: finishing requests in flight');
      stopHousekeeping();
      stopReplay();
      await server?.close();
      await forked?.stop();
      await stopIngest();
      await stopPublishing();
      listening.watchSync.stop();
      await stopRelay();
      return 0;
    }));
  },
};
