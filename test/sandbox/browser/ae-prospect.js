// The AE prospect page's own script, as the sandbox serves it (test/sandbox/ae-prospect-page.ts
// names the public evidence for each behaviour). Plain browser JavaScript: no build step.
(() => {
  const prospect = document.getElementById('prospect');
  if (!prospect) return;
  const id = prospect.dataset.prospectId;

  // Mailability layout: Edit (accesskey "e") fetches the edit form and shows it in place.
  const editLink = document.getElementById('prospect-edit-link');
  if (editLink) {
    editLink.addEventListener('click', async (event) => {
      event.preventDefault();
      const response = await fetch(`/prospect/edit/id/${id}?ajax=1`, { credentials: 'same-origin' });
      const holder = document.getElementById('prospect-edit');
      holder.innerHTML = await response.text();
      document.getElementById('prospect-read').hidden = true;
      const toggle = document.getElementById(`toggle-mailable-inputs-${id}`);
      const inputs = document.getElementById(`mailable-inputs-${id}`);
      toggle.addEventListener('click', (click) => {
        click.preventDefault();
        const open = inputs.style.display === 'none';
        inputs.style.display = open ? '' : 'none';
        toggle.setAttribute('aria-expanded', String(open));
      });
      document.getElementById('cancel-prospect-edit').addEventListener('click', (click) => {
        click.preventDefault();
        holder.innerHTML = '';
        document.getElementById('prospect-read').hidden = false;
      });
    });
  }

  // Classic layout: Edit shows the form that is already in the page; "Additional fields" toggles.
  const form = document.getElementById('prospect-form');
  const edit = document.getElementById('edit-prospect');
  if (edit && form) {
    edit.addEventListener('click', () => {
      form.hidden = false;
    });
    document.getElementById('cancel-edit').addEventListener('click', () => {
      form.hidden = true;
    });
    document.getElementById('additional-toggle').addEventListener('click', (event) => {
      const section = document.getElementById('additional-fields');
      section.hidden = !section.hidden;
      event.target.setAttribute('aria-expanded', String(!section.hidden));
    });
  }

  // Classic layout: the "Opt In" link beside a checked Opted Out.
  const optIn = document.getElementById('opt-in-link');
  if (optIn) {
    optIn.addEventListener('click', (event) => {
      event.preventDefault();
      document.getElementById('opt-in-form').submit();
    });
  }
})();
