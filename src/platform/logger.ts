import { pino, type Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log line: credentials, session ids and the personal data
 * a request or a mention may carry.
 */
export const redactedPaths = [
  'password', '*.password', 'newPassword', '*.newPassword', 'confirmPassword', '*.confirmPassword',
  'token', '*.token', 'secret', '*.secret', 'accessToken', '*.accessToken', 'appPassword', '*.appPassword',
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie',
  'email', '*.email', 'body', '*.body', 'text', '*.text',
];

/** Creates the process logger: JSON lines on stdout, with secrets and personal data redacted. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: redactedPaths, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
