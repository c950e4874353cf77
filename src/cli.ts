import type { CliCommand, CliIo } from './platform/cli/command.js';
import { UsageError } from './platform/cli/command.js';
import { commands } from './commands.js';

function overview(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'usage: parley <command> [options]',
    '',
    'commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'parley <command> --help' for a command's options.",
    '',
  ].join('\n');
}

/** Runs `parley <command> …` and resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`parley: unknown command '${name}'\n\n${overview(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.help.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`parley ${command.name}: ${error.message}\n\n${command.help.trimEnd()}\n`);
      return 2;
    }
    throw error;
  }
}
