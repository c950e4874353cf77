import type { FastifyReply } from 'fastify';
import { AppError, type Problem } from '../errors/app-error.js';
import { formErrors } from './form-errors.js';

/** A urlencoded form body as a plain record; anything else (a missing body) is an empty one. */
export function formBody(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...body } : {};
}

/** A form field that may repeat (checkboxes) as a list of strings. */
export function listField(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A text form field, or '' when absent. */
export function textField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Re-renders a form with the GOV.UK error summary and field messages, answering 400. */
export async function formWithErrors(reply: FastifyReply, template: string, problems: readonly Problem[], data: Record<string, unknown>): Promise<string> {
  reply.code(400);
  return reply.page(template, { ...data, errors: formErrors(problems) });
}

/** Runs a form action; a validation failure re-renders the form with its problems, anything else propagates. */
export async function handleForm(reply: FastifyReply, template: string, data: Record<string, unknown>, action: () => Promise<string>): Promise<string> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') return formWithErrors(reply, template, error.problems, data);
    throw error;
  }
}

/** A redirect target from user input, kept on this site: a path, never `//host` or a full URL. */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
