import type { Problem } from '../errors/app-error.js';

/** What a GOV.UK form template needs to show errors: the summary at the top and a message on each field. */
export interface FormErrors {
  summary: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
}

/** The form field a problem path belongs to: `roles.0` is the `roles` field. */
function fieldOf(path: string): string {
  return path.split('.')[0] ?? '';
}

/** Turns problems into the error summary and field messages (the first message per field, in the order given). */
export function formErrors(problems: readonly Problem[]): FormErrors {
  const summary: FormErrors['summary'] = [];
  const fields: FormErrors['fields'] = {};
  for (const problem of problems) {
    const field = fieldOf(problem.path);
    if (field in fields) continue;
    fields[field] = { text: problem.message };
    summary.push({ text: problem.message, href: `#${field || 'main-content'}` });
  }
  return { summary, fields };
}
