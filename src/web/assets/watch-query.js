// Progressive enhancement for the watch form: checks the query as it is typed and shows any error with its position.
// Without JavaScript the same checks run when the form is submitted.
const field = document.querySelector('[data-parley-query-check]');
const output = field && document.getElementById(field.getAttribute('data-parley-query-check'));
const csrf = document.querySelector('input[name="_csrf"]');

if (field && output && csrf) {
  let timer;
  let latest = 0;
  const show = (errors) => {
    output.replaceChildren();
    const message = document.createElement('p');
    message.className = errors.length ? 'govuk-error-message' : 'govuk-body-s';
    message.textContent = errors.length
      ? errors.map((e) => `Line ${e.line}, column ${e.column}: ${e.message}`).join(' ')
      : 'The query is valid.';
    output.append(message);
  };
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const request = ++latest;
      if (field.value.trim() === '') return output.replaceChildren();
      try {
        const response = await fetch('/api/v1/watches/validate', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.value },
          body: JSON.stringify({ query: field.value }),
        });
        if (!response.ok || request !== latest) return;
        const result = await response.json();
        show(result.errors);
      } catch {
        // The check is a convenience: submitting the form checks the query too.
      }
    }, 300);
  });
}
