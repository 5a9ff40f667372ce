import { describe, expect, it } from 'vitest';
import { CHECKS, type CheckLine, type CheckReport, reportText } from '../../src/core/org-check';

const words = {
  title: 'Check of an org',
  line: (line: CheckLine) => `line ${line.id}`,
  result: (result: string) => result,
  fix: (line: CheckLine) => (line.error ? `fix for ${line.error}` : null),
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
      'en',
      '1970-01-01T00:00:00.000Z',
      'ae-prospect',
      ...CHECKS.map((id) => `line ${id}`),
      'fix for control-not-found',
      'failed',
      'passed',
      'oauth',
      '2 business units',
    ];
    const rest = known.reduce((left, word) => left.split(word).join(''), text);
    expect(rest.replace(/[\s[\]()·→]/g, '')).toBe('');
  });
});
