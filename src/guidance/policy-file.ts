import { readFile } from 'node:fs/promises';
import type { CliIo } from '../platform/cli/command.js';
import { defaultPolicy, parsePolicy, PolicyError, type GuidancePolicy } from './policy.js';
import type { StorageOpener } from '../platform/cli/storage.js';

/** The policy a process starts with: the file `PARLEY_GUIDANCE_POLICY` names, else Parley's default. */
export interface BasePolicy {
  policy: GuidancePolicy;
  /** The file's absolute path; undefined for the default. */
  file: string | undefined;
  /** The file as written, for admins to start their edits from; undefined for the default. */
  text: string | undefined;
}

/** A policy file that stops start-up: the file and every problem, each naming its JSON path. */
export class PolicyFileError extends Error {
  constructor(readonly file: string, readonly problems: readonly string[]) {
    super([`Parley cannot start: the guidance policy ${file} (PARLEY_GUIDANCE_POLICY) is not valid:`, ...problems.map((problem) => `  ${problem}`)].join('\n'));
    this.name = 'PolicyFileError';
  }
}

/** The base policy for Parley's default, with no file. */
export const defaultBasePolicy: BasePolicy = { policy: defaultPolicy, file: undefined, text: undefined };

/** Where in the text a JSON.parse error is, as "line L, column C", when its message gives a position. */
export function jsonErrorPlace(text: string, message: string): string | undefined {
  const lineColumn = /line (\d+) column (\d+)/u.exec(message);
  if (lineColumn) return `line ${lineColumn[1] ?? ''}, column ${lineColumn[2] ?? ''}`;
  const position = /at position (\d+)/u.exec(message);
  if (!position) return undefined;
  const before = text.slice(0, Number(position[1]));
  const lines = before.split('\n');
  return `line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}

/**
 * Parses the text of a policy document, throwing a {@link PolicyError} whose one problem says where the JSON breaks,
 * or whose problems are every invalid setting with its JSON path.
 */
export function parsePolicyText(text: string): GuidancePolicy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const place = jsonErrorPlace(text, message);
    throw new PolicyError([`the policy is not valid JSON${place === undefined ? '' : ` at ${place}`} (${message})`]);
  }
  return parsePolicy(json);
}

/**
 * Reads and validates the policy file, or gives the default when there is none. Throws a {@link PolicyFileError}
 * naming the file when it cannot be read, is not JSON or has invalid settings.
 */
export async function loadBasePolicy(file: string | undefined): Promise<BasePolicy> {
  if (file === undefined) return defaultBasePolicy;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'there is no such file' : error instanceof Error ? error.message : String(error);
    throw new PolicyFileError(file, [`cannot read it: ${reason}`]);
  }
  try {
    return { policy: parsePolicyText(text), file, text };
  } catch (error) {
    if (error instanceof PolicyError) throw new PolicyFileError(file, error.problems);
    throw error;
  }
}

/** A storage opener that first reads and checks the policy file, so that an invalid one stops start-up before the database is touched. */
export function checkingPolicyFirst(open: StorageOpener): StorageOpener {
  return async (config) => {
    await loadBasePolicy(config.guidancePolicyFile);
    return open(config);
  };
}

/**
 * Runs a command's start-up; an invalid policy file is written to stderr, each problem on its own line, and the
 * command exits 2 like any other wrong setting, without a stack trace.
 */
export async function exitOnPolicyFileError(io: Pick<CliIo, 'stderr'>, start: () => Promise<number>): Promise<number> {
  try {
    return await start();
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 2;
  }
}
