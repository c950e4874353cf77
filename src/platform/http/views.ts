import { fileURLToPath } from 'node:url';
import type nunjucks from 'nunjucks';
import { MemoExtension } from './memo-extension.js';

const root = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Where templates are found: feature templates by their path under src/ (`platform/auth/views/sign-in.njk`), the
 * layout under `web/`, and the design systems' macros as `govuk/…` and `moj/…`.
 */
export const templateRoots = [root('../../'), root('../../../node_modules/govuk-frontend/dist/'), root('../../../node_modules/@ministryofjustice/frontend/')];

/** Where static files are served from under /assets: Parley's own, then GOV.UK Frontend's and MoJ Frontend's. */
export const assetRoots = [
  root('../../web/assets/'),
  root('../../../node_modules/govuk-frontend/dist/govuk/assets/'),
  root('../../../node_modules/govuk-frontend/dist/govuk/'),
  root('../../../node_modules/@ministryofjustice/frontend/moj/'),
];

const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** Shows a stored UTC time in Europe/London, as people in the UK read it: "21 Nov 2026, 09:30". */
export function londonTime(iso: unknown): string {
  if (typeof iso !== 'string' || iso === '') return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : london.format(date);
}

/** Adds Parley's filters to the template environment. */
export function configureNunjucks(env: nunjucks.Environment): void {
  env.addFilter('londonTime', londonTime);
  env.addExtension('memo', new MemoExtension());
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2));
}
