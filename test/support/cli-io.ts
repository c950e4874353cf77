import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../src/platform/cli/command.js';

/** In-memory streams for running a command through main(); read what it wrote with out() and err(). */
export function captureIo(env: NodeJS.ProcessEnv, stdin = ''): CliIo & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  return { stdin: Readable.from([stdin]), stdout, stderr, env, out: () => out, err: () => err };
}
