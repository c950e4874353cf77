import { openStorage, startChangeRelay, startIngest, startListening, startPublishing } from './app.js';
import { checkingPolicyFirst, exitOnPolicyFileError } from './guidance/policy-file.js';
import type { CliCommand } from './platform/cli/command.js';
import { parseFlags } from './platform/cli/command.js';
import { withStorage } from './platform/cli/storage.js';
import { stopSignal } from './platform/cli/stop-signal.js';
import { createLogger } from './platform/logger.js';

/** `parley worker`: ingest alone, for running more workers beside the web server on a shared PostgreSQL. */
export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'Run ingest and publishing alone (sources, matching, storage, the publish queue), without the web server',
  help: [
    'usage: parley worker',
    '',
    'Polls and streams the sources and stores their mentions, and publishes submitted replies (each at most',
    'once: claimed by lease, a reply caught mid-send is looked for on its platform before it is sent again).',
    'Several workers on a shared PostgreSQL',
    '(PARLEY_DATABASE_URL, with the same PARLEY_SECRET_KEY) share the sources: each is run by one worker',
    'at a time under a lease, and a stopped or killed worker’s sources are taken over within a minute.',
    'SIGTERM stops taking sources, lets go of those it runs and exits 0.',
  ].join('\n'),
  run: async (args, io) => {
    parseFlags(args, {});
    // Checked at start as in `parley start`, so that a bad policy file is found on every machine that runs Parley.
    return exitOnPolicyFileError(io, () => withStorage(checkingPolicyFirst(openStorage), io, async (storage, config) => {
      const logger = createLogger(config.logLevel);
      const listening = await startListening(config, storage, logger);
      const stopRelay = await startChangeRelay(config, storage, logger);
      const stopping = stopSignal();
      const stopIngest = startIngest(config, storage, logger, listening);
      const stopPublishing = startPublishing(storage, logger, listening);
      io.stdout.write(`Parley worker running on ${storage.dialect === 'sqlite' ? `SQLite: ${storage.location}` : `PostgreSQL: ${storage.location}`}\n`);
      const signal = await stopping;
      logger.info({ signal }, 'worker stopping');
      await stopIngest();
      await stopPublishing();
      listening.watchSync.stop();
      await stopRelay();
      return 0;
    }));
  },
};
