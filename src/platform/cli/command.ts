import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The streams and environment a command runs with; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** One `parley <name>` command. run() resolves to the exit code: 0 success, 1 failure, 2 bad usage or input. */
export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full --help text: usage line, options, examples. */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Wrong flags or arguments: the CLI prints the message and the command's help, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's flags strictly: an unknown flag, a missing value or a stray argument is a UsageError.
 * `--help` is always accepted and reported as `help: true`.
 */
export function parseFlags<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
