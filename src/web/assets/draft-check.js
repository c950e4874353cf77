// Progressive enhancement for the compose page: the guidance check while typing. The server checks the draft
// (POST /api/v1/check, the same rules as on submit) and says where it would go; without JavaScript the "Check"
// button shows the same findings in the error summary.
const panel = document.querySelector('[data-parley-check]');
const field = document.getElementById('text');
const essential = document.querySelector('input[name="essentialServiceInformation"]');
const csrf = document.querySelector('input[name="_csrf"]');
const route = document.getElementById('draft-route');
let list = document.getElementById('draft-findings');

// The same tag classes and words as the server's list of findings.
const severityTags = panel ? JSON.parse(panel.dataset.severityTags || '{}') : {};
const capitalised = (word) => word.charAt(0).toUpperCase() + word.slice(1);

function routeMessage(report) {
  const messages = panel.dataset;
  if (report.route === 'publish') return messages.messagePublish;
  if (report.route === 'team-review') return messages.messageTeamReview;
  if (report.route === 'head-of-digital') return report.alsoPressOffice ? messages.messagePressOffice : messages.messageHeadOfDigital;
  return messages.messageBlocked;
}

function show(report) {
  route.textContent = routeMessage(report);
  const fresh = document.createElement('ul');
  fresh.id = 'draft-findings';
  fresh.className = 'govuk-list govuk-list--bullet';
  for (const finding of report.findings) {
    const item = document.createElement('li');
    const tag = document.createElement('strong');
    tag.className = `govuk-tag ${severityTags[finding.severity] ?? ''}`;
    tag.textContent = capitalised(finding.severity);
    item.append(tag, ` ${finding.message}`);
    if (finding.suggestion) {
      const hint = document.createElement('span');
      hint.className = 'govuk-hint';
      hint.textContent = ` ${finding.suggestion}`;
      item.append(hint);
    }
    fresh.append(item);
  }
  fresh.hidden = report.findings.length === 0;
  list.replaceWith(fresh);
  list = fresh;
}

if (panel && field && csrf && route && list) {
  let timer;
  let latest = 0;
  const check = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const request = ++latest;
      if (field.value.trim() === '') return;
      const body = { text: field.value, platform: panel.dataset.parleyCheck, essentialServiceInformation: essential ? essential.checked : false };
      if (panel.dataset.maxCharacters) body.maxCharacters = Number(panel.dataset.maxCharacters);
      if (panel.dataset.inReplyToLang) body.inReplyToLang = panel.dataset.inReplyToLang;
      try {
        const response = await fetch('/api/v1/check', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.value },
          body: JSON.stringify(body),
        });
        if (!response.ok || request !== latest) return;
        show(await response.json());
      } catch {
        // What is shown stays as it was; the draft is checked again on submit anyway.
      }
    }, 400);
  };
  field.addEventListener('input', check);
  essential?.addEventListener('change', check);
}
