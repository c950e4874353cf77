// Progressive enhancement for the case page: every 10 seconds, says this person is still here (viewing, or drafting a
// reply) and shows who else is. Without JavaScript the page shows the same on each reload.
const region = document.querySelector('[data-parley-presence]');
const csrf = document.querySelector('input[name="_csrf"]');

if (region && csrf) {
  const address = region.getAttribute('data-parley-presence');
  const activity = region.getAttribute('data-parley-activity') || 'viewing';
  const paragraph = (text, bold) => {
    const p = document.createElement('p');
    p.className = bold ? 'govuk-body govuk-!-font-weight-bold' : 'govuk-body';
    p.textContent = text;
    return p;
  };
  const show = (others) => {
    const messages = others.map((o) => o.message);
    // Only a change is written, so that screen readers announce arrivals and departures, not every poll.
    if (messages.join('\n') === region.dataset.shown) return;
    region.dataset.shown = messages.join('\n');
    region.replaceChildren(...(messages.length ? messages.map((m) => paragraph(m, true)) : [paragraph('Nobody else is on this case.', false)]));
  };
  region.dataset.shown = [...region.querySelectorAll('p.govuk-\\!-font-weight-bold')].map((p) => p.textContent.trim()).join('\n');
  const ping = async () => {
    try {
      const response = await fetch(address, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.value },
        body: JSON.stringify({ activity }),
      });
      if (response.ok) show((await response.json()).others);
    } catch {
      // A missed beat is harmless: the next one, or a reload, shows who is here.
    }
  };
  window.setInterval(ping, 10_000);
}
