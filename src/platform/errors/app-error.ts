import { errorCodes, type ErrorCode } from './error-codes.js';

/** One problem with one part of the input, for error summaries and API 400 bodies. */
export interface Problem {
  /** Where the problem is: a form field name or a dotted JSON path; empty for the input as a whole. */
  path: string;
  message: string;
}

/** The one error type Parley throws on purpose. Its code decides the HTTP status; its message is safe to show. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message?: string, problems: readonly Problem[] = []) {
    super(message ?? errorCodes[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.problems = problems;
  }
}

/** Shorthand for a validation failure with a list of problems. */
export function validationFailed(problems: readonly Problem[], message?: string): AppError {
  return new AppError('validation_failed', message, problems);
}
