import { describe, expect, it } from 'vitest';
import { CHECKS, type CheckLine, type CheckReport, reportText, shownResult } from '../../../src/core/org-check';

const words = {
  title: 'Check of an org',
  line: (line: CheckLine) => `line ${line.id}`,
  result: (result: string) => result,
  fix: (line: CheckLine) => (line.error ? `fix for ${line.error}` : null),
  adds: (line: CheckLine) => `what ${line.id} adds`,
};

describe('the self-test’s report as text', () => {
  it('lists every check with its result and, where it failed, its fix, and nothing about the record', () => {
    const report: CheckReport = {
      at: Date.UTC(2026, 10, 29),
      from: 'salesforce-record',
      lines: CHECKS.map((id) =>
        id === 'ae-form'
          ? { id, result: 'failed', error: 'opted-out-not-editable' }
          : id === 'ae-app'
            ? { id, result: 'not-applicable' }
            : { id, result: 'passed', note: id === 'salesforce-rest' ? 'session' : undefined },
      ),
    };
    const text = reportText(report, words, { version: '0.2.0', language: 'ja' });
    expect(text.split('\n')[0]).toBe('Check of an org');
    expect(text).toContain('Opt-Out Sync Guard 0.2.0 · ja · 2026-11-29T00:00:00.000Z · salesforce-record');
    expect(text).toContain('[failed] line ae-form\n    → fix for opted-out-not-editable');
    expect(text).toContain('[passed] line salesforce-rest (session)');
    expect(text).toContain('[not-applicable] line ae-app');
    expect(text.split('\n')).toHaveLength(2 + CHECKS.length + 1);
  });

  it('prints nothing but the words it is given, the notes’ fixed vocabulary, the version and the date', () => {
    const report: CheckReport = {
      at: 0,
      from: 'ae-prospect',
      lines: CHECKS.map((id, i) => ({
        id,
        result: i % 3 === 0 ? 'failed' : 'passed',
        error: 'control-not-found',
        part: 'save',
        note: i % 2 ? 'oauth' : '2 business units',
      })),
    };
    const text = reportText(report, words, { version: '1.2.3', language: 'en' });
    const known = [
      'Check of an org',
      'Opt-Out Sync Guard 1.2.3',
      // The lines first: a line's name may hold the language's code ("consent-matching" holds "en").
      ...CHECKS.map((id) => `line ${id}`),
      'en',
      '1970-01-01T00:00:00.000Z',
      'ae-prospect',
      'fix for control-not-found',
      ...CHECKS.map((id) => `what ${id} adds`),
      'not-used',
      'failed',
      'passed',
      'oauth',
      '2 business units',
    ];
    const rest = known.reduce((left, word) => left.split(word).join(''), text);
    expect(rest.replace(/[\s[\]()·→]/g, '')).toBe('');
  });

  it('shows an optional step that did not work as “not used”, with what it would add, never as failed', () => {
    const lines = (aeApp: 'passed' | 'failed'): CheckLine[] =>
      CHECKS.map((id) =>
        id === 'ae-api' || id === 'ae-page'
          ? { id, result: 'failed', error: 'session-expired' }
          : { id, result: id === 'ae-app' ? aeApp : 'passed' },
      );
    const withApp: CheckReport = { at: 0, from: 'ae-prospect', lines: lines('passed') };
    const text = reportText(withApp, words, { version: '1.0.0', language: 'en' });
    expect(text).toContain('[not-used] line ae-api\n    → what ae-api adds');
    expect(text).not.toContain('fix for session-expired');
    // At AE's own host the page is not needed while the app in Salesforce opens it.
    expect(shownResult(withApp.lines[CHECKS.indexOf('ae-page')] as CheckLine, withApp)).toBe('not-used');
    // When the app fails too, the prospect page is required, and its failure says what to do.
    const withoutApp: CheckReport = { at: 0, from: 'ae-prospect', lines: lines('failed') };
    expect(shownResult(withoutApp.lines[CHECKS.indexOf('ae-page')] as CheckLine, withoutApp)).toBe('failed');
    expect(reportText(withoutApp, words, { version: '1.0.0', language: 'en' })).toContain(
      '[failed] line ae-page\n    → fix for session-expired',
    );
  });
});
