import type { z } from 'zod';
import { type Problem, validationFailed } from './app-error.js';

/** Turns zod's issues into problems that name the field (dotted path) and say what is wrong. */
export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates input against a schema; on failure throws a validation_failed AppError listing every problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailed(problemsOf(result.error));
  return result.data;
}
