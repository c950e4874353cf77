// Progressive enhancement for the compose page: a live count of the text as the channel's platform counts it.
// The server does the counting (one set of rules: links count 23 on Mastodon, graphemes on Bluesky); without
// JavaScript the same count is shown when the page is loaded or the form is sent.
const field = document.querySelector('[data-parley-count]');
const output = document.getElementById('text-count');
const csrf = document.querySelector('input[name="_csrf"]');

if (field && output && csrf) {
  let timer;
  let latest = 0;
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const request = ++latest;
      try {
        const response = await fetch('/api/v1/replies/count', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.value },
          body: JSON.stringify({ channelId: field.getAttribute('data-parley-count'), text: field.value }),
        });
        if (!response.ok || request !== latest) return;
        const count = await response.json();
        output.textContent = count.message;
        output.className = `govuk-character-count__message ${count.remaining < 0 ? 'govuk-error-message' : 'govuk-hint'}`;
      } catch {
        // The count shown stays as it was; the server checks the length on submit anyway.
      }
    }, 250);
  });
}
