import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { DatabaseUnavailableError, type DatabaseHandle } from '../db/database.js';
import { MigrationError } from '../db/migrator.js';
import type { CliIo } from './command.js';

/** Opens and migrates the configured storage; the composition root supplies it. */
export type StorageOpener = (config: Config) => Promise<DatabaseHandle>;

/**
 * Loads the configuration, opens storage, runs the command's work and closes storage. A wrong setting or an
 * unreachable database is one clear line on stderr and a non-zero exit, never a stack trace.
 */
export async function withStorage(open: StorageOpener, io: CliIo, work: (handle: DatabaseHandle, config: Config) => Promise<number>): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let handle: DatabaseHandle;
  try {
    handle = await open(config);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError || error instanceof MigrationError) {
      io.stderr.write(`parley: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    return await work(handle, config);
  } finally {
    await handle.close();
  }
}
