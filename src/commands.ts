import type { CliCommand } from './platform/cli/command.js';

/** Every `parley` command, in the order `parley --help` lists them. */
export const commands: readonly CliCommand[] = [];
