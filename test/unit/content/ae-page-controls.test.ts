// @vitest-environment happy-dom
/**
 * Reading and writing an AE prospect page by what its parts are, on pages
 * laid out in ways the sandbox does not draw: the label may sit anywhere,
 * the value may be words or an icon, and a control must be found exactly once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readProspectPage } from '../../../src/content/ae-read';
import { locate, prepare } from '../../../src/content/ae-write';
import { pageOutline } from '../../../src/content/outline';

const CONTACT = '0035g00000AbCdEAAV';

function page(html: string) {
  document.body.innerHTML = html;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('reading a value by its label, wherever the page puts the label', () => {
  const layouts: [string, string][] = [
    [
      'a table row',
      '<table><tr><th>Opted Out</th><td>True</td></tr><tr><th>Email</th><td>a@example.com</td></tr></table>',
    ],
    [
      'label cells',
      '<table><tr><td class="label">Opted Out:</td><td class="value">Yes</td></tr></table><table><tr><td>Email</td><td>a@example.com</td></tr></table>',
    ],
    ['a definition list', '<dl><dt>OPTED OUT</dt><dd>はい</dd><dt>Email</dt><dd>a@example.com</dd></dl>'],
    [
      '<label for>',
      '<label for="oo">Opted Out</label><select id="oo"><option value="1" selected>True</option><option value="0">False</option></select><label for="em">Email</label><input id="em" value="a@example.com">',
    ],
    [
      'aria-labelledby',
      '<span id="l1">Opted Out</span><div aria-labelledby="l1">✓</div><span id="l2">Email</span><div aria-labelledby="l2">a@example.com</div>',
    ],
    [
      'a label in its own cell',
      '<div class="row"><div><b>Opted Out</b></div><div><img src="x.svg" title="Yes" alt=""></div></div><div><div><b>Email</b></div><div>a@example.com</div></div>',
    ],
    [
      'Japanese, full-width',
      '<table><tr><th>プロスペクトオプトアウト済み：</th><td>ＴＲＵＥ</td></tr><tr><th>メール</th><td>a@example.com</td></tr></table>',
    ],
  ];
  for (const [name, html] of layouts) {
    it(`reads Opted Out and the email from ${name}`, () => {
      page(html);
      expect(readProspectPage()).toMatchObject({ readable: true, optedOut: true, email: 'a@example.com' });
    });
  }

  it('reads an unchecked box shown as nothing (the 2016 layout shows only a checked one, with an icon)', () => {
    page('<table><tr><th>Opted Out</th><td></td></tr><tr><th>Do Not Email</th><td>False</td></tr></table>');
    expect(readProspectPage()).toMatchObject({ readable: true, optedOut: false, isDoNotEmail: false });
  });

  it('reads the Lead or Contact from any link to it, with the org’s host', () => {
    page(
      `<h1>Aiko <a href="https://acme.my.salesforce.com/${CONTACT.slice(0, 15)}"><img alt=""></a></h1><table><tr><th>Opted Out</th><td>True</td></tr></table>`,
    );
    expect(readProspectPage()).toMatchObject({
      readable: true,
      crm: { host: 'acme.my.salesforce.com', object: 'Contact', recordId: CONTACT },
    });
  });

  it('trusts no link when the page links two different records', () => {
    page(
      `<a href="https://acme.my.salesforce.com/${CONTACT}"><img alt=""></a><a href="https://acme.my.salesforce.com/00Q5g00000XyZ12EAF"><img alt=""></a><table><tr><th>Opted Out</th><td>True</td></tr></table>`,
    );
    expect(readProspectPage()).toMatchObject({ readable: true, crm: null });
  });

  it('pairs with the CRM icon beside the name, never with a Contact address the prospect typed into a field', () => {
    const typed = '0035g00000XyZ12AAB';
    const website = `<tr><th>Website</th><td><a href="https://acme.my.salesforce.com/${typed}">https://acme.my.salesforce.com/${typed}</a></td></tr>`;
    page(
      `<h1>Aiko <a href="https://acme.my.salesforce.com/${CONTACT}"><img alt=""></a></h1><table>${website}<tr><th>Opted Out</th><td>True</td></tr></table>`,
    );
    expect(readProspectPage()).toMatchObject({ readable: true, crm: { object: 'Contact', recordId: CONTACT } });
    // Without the icon, the typed address names no record: the page is read as not linked.
    page(`<h1>Aiko</h1><table>${website}<tr><th>Opted Out</th><td>True</td></tr></table>`);
    expect(readProspectPage()).toMatchObject({ readable: true, crm: null });
  });

  it('says what it could not find, and tells a sign-in page from an unknown one', () => {
    page('<table><tr><th>Opt-out status</th><td>True</td></tr></table>');
    expect(readProspectPage()).toEqual({
      readable: false,
      error: 'control-not-found',
      missing: ['opted-out', 'email'],
    });
    page('<form><input name="u"><input type="password"><button>Log In</button></form>');
    expect(readProspectPage()).toMatchObject({ readable: false, error: 'signed-out-of-ae' });
  });

  it('reads nothing when the same label shows two different values', () => {
    page(
      '<table><tr><th>Opted Out</th><td>True</td></tr></table><table><tr><th>Opted Out</th><td>False</td></tr></table>',
    );
    expect(readProspectPage()).toMatchObject({ readable: false, missing: ['opted-out', 'email'] });
  });
});

const READ = `<table><tr><th>Email</th><td>a@example.com</td></tr><tr><th>Opted Out</th><td>True</td></tr></table>`;

describe('preparing the uncheck with whatever control the page offers', () => {
  it('sets a True/False select to the option meaning false, telling the page’s own scripts', async () => {
    page(
      `${READ}<form><label for="f1">Opted Out</label><select id="f1"><option value="1" selected>True</option><option value="0">False</option></select><input type="submit" value="Save prospect"></form>`,
    );
    let changes = 0;
    document.getElementById('f1')?.addEventListener('change', () => changes++);
    expect(await prepare()).toEqual({ ok: true, way: 'form' });
    expect((document.getElementById('f1') as HTMLSelectElement).value).toBe('0');
    expect(changes).toBe(1);
  });

  it('unchecks a checkbox, opening the edit form and its section first', async () => {
    page(`${READ}<a href="#" accesskey="e" id="edit">Edit</a>`);
    document.getElementById('edit')?.addEventListener('click', () => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<form><button type="button" id="more">Additional fields</button><div id="extra" style="display:none"><label><input type="checkbox" name="opted_out" checked> Opted Out</label></div><button type="submit">Save prospect</button></form>',
      );
      document.getElementById('more')?.addEventListener('click', () => {
        (document.getElementById('extra') as HTMLElement).style.display = '';
      });
    });
    expect(await prepare()).toEqual({ ok: true, way: 'form' });
    expect((document.querySelector('input[name="opted_out"]') as HTMLInputElement).checked).toBe(false);
  });

  it('saves nothing when the form it opens already shows Opted Out off (someone unchecked it after the page drew it; chaos seed 7095)', async () => {
    page(`${READ}<a href="#" accesskey="e" id="edit">Edit</a>`);
    let saves = 0;
    document.getElementById('edit')?.addEventListener('click', () => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<form><label><input type="checkbox" name="opted_out"> Opted Out</label><button type="submit" id="save">Save prospect</button></form>',
      );
      document.getElementById('save')?.addEventListener('click', () => saves++);
    });
    expect(await prepare()).toEqual({ ok: false, error: 'not-opted-out' });
    expect(saves).toBe(0);
  });

  it('uses the read page’s “Opt In” action where there is one', async () => {
    page(
      '<table><tr><th>Email</th><td>a@example.com</td></tr><tr><th>Opted Out</th><td><img title="Yes" alt="Yes"> <a href="#">Opt In</a></td></tr></table>',
    );
    expect(await prepare()).toEqual({ ok: true, way: 'opt-in' });
  });

  it('stops before saving when Save is there twice, naming it, and sends no page outline to the worker', async () => {
    page(
      `${READ}<form><label for="f1">Opted Out</label><select id="f1"><option value="1" selected>True</option><option value="0">False</option></select><button>Save prospect</button><button>Save Prospect</button></form>`,
    );
    const result = await prepare();
    expect(result).toEqual({ ok: false, error: 'control-not-found', part: 'save' });
  });

  it('stops when there is no Edit to open the form', async () => {
    page(READ);
    expect(await prepare()).toMatchObject({ ok: false, error: 'control-not-found', part: 'edit' });
  });

  it('says the role cannot edit Opted Out when the form shows Do Not Email but no Opted Out', async () => {
    page(
      `${READ}<form><label for="d">Do Not Email</label><select id="d"><option value="1">True</option><option value="0" selected>False</option></select><input type="submit" value="Save prospect"></form>`,
    );
    expect(await prepare()).toMatchObject({ ok: false, error: 'opted-out-not-editable' });
  });
});

describe('locating the controls for “Check this org”, touching nothing', () => {
  /** Runs `locate` and says whether the page changed: its HTML, a control's state, any click or change. */
  function locateUntouched() {
    const before = document.body.innerHTML;
    const states = [...document.querySelectorAll('input, select')].map((c) =>
      c instanceof HTMLInputElement ? c.checked : (c as HTMLSelectElement).value,
    );
    const events: string[] = [];
    const record = (event: Event) => events.push(event.type);
    for (const type of ['click', 'input', 'change', 'submit']) document.addEventListener(type, record, true);
    const result = locate();
    for (const type of ['click', 'input', 'change', 'submit']) document.removeEventListener(type, record, true);
    const after = [...document.querySelectorAll('input, select')].map((c) =>
      c instanceof HTMLInputElement ? c.checked : (c as HTMLSelectElement).value,
    );
    expect(events).toEqual([]);
    expect(after).toEqual(states);
    expect(document.body.innerHTML).toBe(before);
    return result;
  }

  it('finds a hidden form’s Opted Out box, its section and Save without opening anything', () => {
    page(
      `${READ}<button accesskey="e">Edit</button><form hidden><button type="button" id="more">Additional fields</button><div id="extra" hidden><label><input type="checkbox" name="opted_out" checked> Opted Out</label></div><button type="submit">Save prospect</button><button type="button">Cancel</button></form>`,
    );
    expect(locateUntouched()).toEqual({ ok: true, way: 'form' });
  });

  it('finds Edit alone where the form is fetched only when Edit is clicked', () => {
    page(`${READ}<a href="#" accesskey="e" id="prospect-edit-link">Edit</a>`);
    expect(locateUntouched()).toEqual({ ok: true, way: 'edit' });
  });

  it('finds the “Opt In” link without following it', () => {
    page(
      '<table><tr><th>Email</th><td>a@example.com</td></tr><tr><th>Opted Out</th><td><img title="Yes" alt="Yes"> <a href="#">Opt In</a></td></tr></table>',
    );
    expect(locateUntouched()).toEqual({ ok: true, way: 'opt-in' });
  });

  it('names what it could not find', () => {
    page(READ);
    expect(locateUntouched()).toEqual({ ok: false, error: 'control-not-found', part: 'edit' });
    page(
      `${READ}<form><label for="f1">Opted Out</label><select id="f1"><option value="1" selected>True</option><option value="0">False</option></select><button>Save prospect</button><button>Save Prospect</button></form>`,
    );
    expect(locateUntouched()).toEqual({ ok: false, error: 'control-not-found', part: 'save' });
  });
});

describe('the page outline for a bug report', () => {
  it('keeps the labels and structure and none of the record’s data, wherever the page puts it', () => {
    const secrets = [
      'Aiko',
      'aiko',
      'Tanaka',
      'tanaka',
      'aiko.tanaka',
      'example.com',
      'Trading',
      'Head of Buying',
      'Buying',
      '1234 5678',
      'f00dfeed',
      'session-abc',
      'abc-777',
      CONTACT,
      '2024-05-06',
      'tanaka-trading.jp',
      'linkedin',
      '/in/',
      'Ben',
      'Carter',
      'Chie',
      'Sato',
      'loyal',
      'vip',
    ];
    const base = document.createElement('base');
    base.href = 'https://pi.pardot.com/prospect/read?id=1001';
    document.head.append(base);
    page(`<h1>Aiko Tanaka <a href="https://acme.my.salesforce.com/${CONTACT}?sid=session-abc-777"><img alt=""></a></h1>
<h2>Aiko Tanaka</h2>
<div class="actions"><button>Email Aiko Tanaka</button><a href="#" role="button">Call Aiko</a></div>
<table class="details">
<tr><td class="label">First Name</td><td class="value breakword">Aiko</td></tr>
<tr><td class="label">Email</td><td class="value breakword"><a href="mailto:aiko.tanaka@example.com">aiko.tanaka@example.com</a></td></tr>
<tr><td class="label">Company</td><td class="value">Tanaka Trading</td></tr>
<tr><td class="label">Website</td><td class="value"><a href="https://www.tanaka-trading.jp/about/aiko">https://www.tanaka-trading.jp/about/aiko</a></td></tr>
<tr><td class="label">LinkedIn</td><td class="value"><a href="https://www.linkedin.com/in/aiko-tanaka">profile</a></td></tr>
<tr><th>Phone</th><td>+81 3 1234 5678</td></tr>
<tr><th>Last activity</th><td>2024-05-06 10:11</td></tr>
<tr><th>Visited</th><td><a href="/visitor/read?email=aiko.tanaka%40example.com">aiko.tanaka%40example.com</a></td></tr>
<tr><td class="label">Opted Out</td><td class="value breakword">True</td></tr>
</table>
<div id="prospect_aiko_tanaka_1001" class="tag-loyal tag_vip" data-aiko-tanaka="1" data-vip=""></div>
<a href="https://pi.pardot.com/prospect/read/aiko.tanaka%40example.com">Aiko</a>
<form id="prospect-form-1001" action="/prospect/update/id/1001?token=session-abc-777" method="post">
<input type="hidden" name="_csrf_token" value="csrf-f00dfeed1234">
<label for="pr_job">Job Title</label><input id="pr_job" name="job_title" value="Head of Buying">
<a href="#" id="toggle-mailable-inputs-1001">Mailability</a>
<label for="default_field_11873">Opted Out</label><select id="default_field_11873" name="default_field_11873"><option value="1" selected>True</option><option value="0">False</option></select>
<select name="assigned"><option>Aiko Tanaka</option><option>Ben Carter</option><option>Chie Sato</option></select>
<select name="assigned_user_id"><option value="aiko_tanaka">Aiko T.</option><option value="ben.carter@example.com">Ben</option></select>
<input type="submit" id="saveProspectButton" value="Save prospect">
</form>`);
    const outline = pageOutline(document);
    base.remove();
    for (const secret of secrets) expect(outline, secret).not.toContain(secret);
    for (const shape of [
      'td.label "First Name"',
      'td.label "Opted Out"',
      'label [for=*_job] "Job Title"',
      'a#toggle-mailable-inputs-# [href=#] "Mailability"',
      'select#default_field_# [name=default_field_#] options: 1="True" | 0="False"',
      'select [name=assigned] options: ',
      'h2 "{text}"',
      'button "{text}"',
      'div#prospect_*_*_#.tag-*.tag_* [data-*×2]',
      'href={link}',
      'href=mailto:{email}',
      'input#saveProspectButton [type=submit] "Save prospect"',
      'form#prospect-form-# [method=post action=',
      '/prospect/update/id/#?…',
      'href=https://*.my.salesforce.com/{id}?…',
    ]) {
      expect(outline, shape).toContain(shape);
    }
  });
});

describe('a boolean shown as an icon', () => {
  it('reads an icon it cannot name as unknown, never as “no”', () => {
    page(
      '<table><tr><th>Email</th><td>a@example.com</td></tr><tr><th>Opted Out</th><td><img src="check.svg" alt=""></td></tr></table>',
    );
    expect(readProspectPage()).toMatchObject({ readable: false, missing: ['opted-out'] });
  });
});
