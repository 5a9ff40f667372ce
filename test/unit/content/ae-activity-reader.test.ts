// @vitest-environment happy-dom
/**
 * The opt-outs in a prospect's activity list, as the job reads them before a write: a newer one
 * means the person asked again not to be emailed. A page without the list says so (null), never
 * "no opt-outs"; a resubscribe is not an opt-out; a date that cannot be read is kept as unknown.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readActivities, readEmailActivities, readOptOutActivities } from '../../../src/content/ae-activity';
import { readProspectPage } from '../../../src/content/ae-read';

beforeEach(() => {
  document.body.innerHTML = '';
});

const details = '<table><tr><th>Opted Out</th><td>True</td></tr><tr><th>Email</th><td>a@example.com</td></tr></table>';

describe("a prospect's opt-out activities", () => {
  it('are read from the activity table under its heading, newest first, with their times', () => {
    document.body.innerHTML = `${details}<h3>Prospect Activities</h3><table>
      <tr><th>Activity</th><th>Date</th></tr>
      <tr><td><img alt="Email" title="Email"> Email: Spring Newsletter</td><td><time datetime="2026-11-29T10:00:00Z">Nov 29</time></td></tr>
      <tr><td><img alt="Unsubscribe Page" title="Unsubscribe Page"> Unsubscribe Page: Spring Newsletter</td><td><time datetime="2026-11-29T10:05:00Z">Nov 29</time></td></tr>
      <tr><td>Email Preference Page: Autumn Newsletter</td><td><time datetime="2026-10-01T08:00:00Z">Oct 1</time></td></tr>
    </table>`;
    expect(readOptOutActivities()).toEqual([
      { at: '2026-11-29T10:05:00.000Z', what: expect.stringContaining('Unsubscribe Page') },
      { at: '2026-10-01T08:00:00.000Z', what: expect.stringContaining('Email Preference Page') },
    ]);
    expect(readActivities().optOutActivities?.[0]).toEqual({
      at: '2026-11-29T10:05:00.000Z',
      what: 'Unsubscribe Page: Spring Newsletter Nov 29',
    });
  });

  it('are left unread by the page’s own reading (absent, "not read"): only the worker’s command reads them', () => {
    document.body.innerHTML = `${details}<h3>Prospect Activities</h3><table>
      <tr><td>Unsubscribe Page: Spring Newsletter</td><td><time datetime="2026-11-29T10:05:00Z">Nov 29</time></td></tr>
    </table>`;
    const state = readProspectPage();
    expect(state).toMatchObject({ readable: true, optedOut: true });
    expect(state).not.toHaveProperty('optOutActivities');
    expect(state).not.toHaveProperty('emailActivities');
    expect(readActivities().optOutActivities).toHaveLength(1);
  });

  it('are null when the page shows no activity list: "none shown" is not "none happened"', () => {
    document.body.innerHTML = details;
    expect(readOptOutActivities()).toBeNull();
  });

  it('leave a resubscribe out, and read a date written as text', () => {
    document.body.innerHTML = `<h2>Activities</h2><div><table>
      <tr><td>Email Resubscribe — resubscribed from the unsubscribe page</td><td>2026-11-29 10:09:00</td></tr>
      <tr><td>Unsubscribe Page</td><td>2026-11-29T10:08:00Z</td></tr></table></div>`;
    expect(readOptOutActivities()).toEqual([
      { at: '2026-11-29T10:08:00.000Z', what: expect.stringContaining('Unsubscribe') },
    ]);
  });

  it('keep an opt-out whose date cannot be read, with its time unknown', () => {
    document.body.innerHTML = `<h3>アクティビティ</h3><ul><li>配信停止ページ: 春のお知らせ — きのう</li></ul>`;
    expect(readOptOutActivities()).toEqual([{ at: null, what: expect.stringContaining('配信停止ページ') }]);
  });
});

describe('the email activities behind an opt-out, for the scanner verdict', () => {
  const row = (type: string, rest: string, at: string) =>
    `<tr><td><img alt="${type}" title="${type}"> ${type}: ${rest}</td><td><time datetime="${at}">x</time></td></tr>`;

  it('reads the send, each clicked link (as a key, never its address) and the unsubscribe of the email an opt-out names', () => {
    document.body.innerHTML = `${details}<h3>Prospect Activities</h3><table>
      ${row('Unsubscribe Page', 'Spring Newsletter', '2026-11-29T10:00:04Z')}
      ${row('Click', 'Spring Newsletter — <a href="https://example.com/a?pi=jane@example.com">https://example.com/a</a>', '2026-11-29T10:00:03Z')}
      ${row('Click', 'Spring Newsletter — <a href="https://example.com/b">https://example.com/b</a>', '2026-11-29T10:00:02Z')}
      ${row('Sent', 'Spring Newsletter', '2026-11-29T10:00:00Z')}
      ${row('Sent', 'Autumn Offer', '2026-10-01T10:00:00Z')}
      ${row('Click', 'Autumn Offer — <a href="https://example.com/c">c</a>', '2026-10-01T10:00:01Z')}
    </table>`;
    const activities = readActivities().emailActivities;
    expect(activities?.map(({ kind, email, at }) => [kind, email, at])).toEqual([
      ['unsubscribe', 'Spring Newsletter', '2026-11-29T10:00:04.000Z'],
      ['click', 'Spring Newsletter', '2026-11-29T10:00:03.000Z'],
      ['click', 'Spring Newsletter', '2026-11-29T10:00:02.000Z'],
      ['sent', 'Spring Newsletter', '2026-11-29T10:00:00.000Z'],
    ]);
    const [, first, second] = activities ?? [];
    expect(first?.link).toMatch(/^[0-9a-f]{8}$/);
    expect(second?.link).not.toBe(first?.link);
    // An email no opt-out names stays on the page, and so do the links' addresses.
    expect(JSON.stringify(activities)).not.toMatch(/Autumn|example\.com|jane/);
  });

  it('are null where the page shows no activity list, and empty where no opt-out names an email', () => {
    document.body.innerHTML = details;
    expect(readEmailActivities()).toBeNull();
    document.body.innerHTML = `<h3>Prospect Activities</h3><table>${row('Sent', 'Spring Newsletter', '2026-11-29T10:00:00Z')}</table>`;
    expect(readEmailActivities()).toEqual([]);
  });
});

describe('the type of an email activity', () => {
  it('is read from its type words, never from the email’s name ("Consent update" opened is no send)', () => {
    document.body.innerHTML = `<h3>Prospect Activities</h3><table>
      <tr><td>Unsubscribe Page: Consent update</td><td><time datetime="2026-11-29T10:00:20Z">x</time></td></tr>
      <tr><td>Open: Consent update</td><td><time datetime="2026-11-29T10:00:00Z">x</time></td></tr>
      <tr><td>Email Sent Via List Emails: Consent update</td><td><time datetime="2026-11-29T08:00:00Z">x</time></td></tr>
    </table>`;
    expect(readEmailActivities()?.map(({ kind, at }) => [kind, at])).toEqual([
      ['unsubscribe', '2026-11-29T10:00:20.000Z'],
      ['sent', '2026-11-29T08:00:00.000Z'],
    ]);
  });
});
