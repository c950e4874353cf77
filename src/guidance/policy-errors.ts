import type { z } from 'zod';

/** A JSON path as people read it: `political.parties[3]`, `personal-data.caseReferences[0].pattern`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let written = '';
  for (const key of path) {
    if (typeof key === 'number') written += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/u.test(key)) written += written === '' ? key : `.${key}`;
    else written += `[${JSON.stringify(String(key))}]`;
  }
  return written;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list ([…])',
  object: 'an object ({…})',
  null: 'null',
};

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

/** What is wrong, in words: "expected a string, not 42", "unknown setting "colour"". */
export function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return issue.input === undefined ? `missing: expected ${expected}` : `expected ${expected}, not ${kindOf(issue.input)}`;
    }
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'setting' : 'settings'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    case 'invalid_union': {
      const expected = issue.errors.flatMap((branch) => branch.filter((inner) => inner.path.length === 0 && inner.code === 'invalid_type'));
      if (expected.length !== issue.errors.length) return issue.message;
      const names = expected.map((inner) => (inner.code === 'invalid_type' ? EXPECTED[inner.expected] ?? inner.expected : ''));
      return `expected ${names.join(' or ')}${issue.input === undefined ? '' : `, not ${kindOf(issue.input)}`}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Each issue as one line that names where it is: `political.parties[3]: expected a string, not 42`. */
export function describeIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): string[] {
  return error.issues.map((issue) => {
    const where = jsonPath([...prefix, ...issue.path]);
    return where === '' ? issueMessage(issue) : `${where}: ${issueMessage(issue)}`;
  });
}
