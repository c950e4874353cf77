// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js';
import { initAll as initMojAll } from '/assets/moj-frontend.min.js';

initAll();
initMojAll();
