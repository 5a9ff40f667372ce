// The sandbox's Lightning Experience: a small single-page app that changes records with
// history.pushState, as Lightning does, and frames Account Engagement in its AE app pages
// (`/lightning/page/pardot/…?pardot__path=<AE path>`), with a business unit switcher when the admin
// is in several business units (Salesforce Help 000381588, https://help.salesforce.com/s/articleView?id=000381588&type=1: such users must use the Business Unit
// Switcher in the Account Engagement Lightning App). Plain browser JavaScript: no build step.
(() => {
  const config = JSON.parse(document.getElementById('lightning-config').textContent);
  const L = config.labels;
  const app = document.getElementById('app');
  const esc = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  function go(path) {
    history.pushState({}, '', path);
    render();
  }
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-nav]');
    if (link) {
      event.preventDefault();
      go(link.getAttribute('href'));
    }
  });
  window.addEventListener('popstate', render);

  async function api(path, init) {
    const response = await fetch(path, init);
    if (response.status === 401) {
      location.href = `https://${config.myDomainHost}/?startURL=${encodeURIComponent(location.pathname)}`;
      return null;
    }
    return response.ok ? response.json() : null;
  }

  async function renderAeApp() {
    const inner = new URLSearchParams(location.search).get('pardot__path') || '/';
    const units = (await api('/__page/business-units')) || [];
    const switcher =
      units.length > 1
        ? `<label>${esc(L.businessUnit)} <select id="business-unit-switcher">${units
            .map((u) => `<option value="${esc(u.id)}"${u.isCurrent ? ' selected' : ''}>${esc(u.name)}</option>`)
            .join('')}</select></label>`
        : '';
    app.innerHTML = `${switcher}<iframe title="Account Engagement" src="https://${config.aeHost}/sso/lightning?next=${encodeURIComponent(inner)}"></iframe>`;
    document.getElementById('business-unit-switcher')?.addEventListener('change', async (event) => {
      await api('/__page/business-units', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: event.target.value }),
      });
      renderAeApp();
    });
  }

  async function render() {
    const path = location.pathname;
    const record = /^\/lightning\/r\/(Contact|Lead|Account)\/([a-zA-Z0-9]{15,18})\//.exec(path);
    if (/^\/lightning\/page\/pardot\//.test(path)) return renderAeApp();
    if (!record) {
      app.innerHTML = `<h1>${esc(L.home)}</h1>`;
      return;
    }
    const r = await api(`/__page/record/${record[2]}`);
    if (location.pathname !== path) return;
    if (!r || r.object !== record[1]) {
      app.innerHTML = `<h1>${esc(L.notFound)}</h1>`;
      return;
    }
    app.innerHTML =
      `<h1 class="record-name">${esc(r.Name)}</h1>` +
      `<p class="object">${esc(r.object === 'Lead' ? L.lead : r.object === 'Account' ? 'Account' : L.contact)}</p>` +
      `<button type="button" id="edit-record">${esc(L.edit)}</button>` +
      `<dl><dt>${esc(L.email)}</dt><dd>${esc(r.Email)}</dd>` +
      `<dt>${esc(L.emailOptOut)}</dt><dd data-field="HasOptedOutOfEmail">${esc(r.HasOptedOutOfEmail ? L.yes : L.no)}</dd></dl>` +
      `<form id="record-form" hidden><label><input type="checkbox" name="HasOptedOutOfEmail"${r.HasOptedOutOfEmail ? ' checked' : ''}> ${esc(L.emailOptOut)}</label> ` +
      `<button type="submit">${esc(L.save)}</button> <button type="button" id="cancel-record">${esc(L.cancel)}</button></form>`;
    const form = document.getElementById('record-form');
    document.getElementById('edit-record').onclick = () => {
      form.hidden = false;
    };
    document.getElementById('cancel-record').onclick = () => {
      form.hidden = true;
    };
    form.onsubmit = async (event) => {
      event.preventDefault();
      await api(`/__page/record/${r.Id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ HasOptedOutOfEmail: form.elements.HasOptedOutOfEmail.checked }),
      });
      render();
    };
  }

  api('/__page/records').then((list) => {
    document.getElementById('recent').innerHTML = (list || [])
      .map((r) => `<li><a data-nav href="/lightning/r/${r.object}/${r.Id}/view">${esc(r.Name)}</a></li>`)
      .join('');
  });
  render();
})();
