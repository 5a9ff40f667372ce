import { describe, expect, it } from 'vitest';
import { AE_LABELS, matchesLabel, normaliseLabel } from '../../../src/core/labels';

describe('a label on the page matches the words we look for however the page writes it', () => {
  it('ignores case, surrounding punctuation and whitespace', () => {
    expect(matchesLabel('OPTED OUT:', AE_LABELS.optedOut)).toBe(true);
    expect(matchesLabel('  Opted   Out *', AE_LABELS.optedOut)).toBe(true);
    expect(matchesLabel('Opted Outside', AE_LABELS.optedOut)).toBe(false);
  });

  it('folds full-width and half-width forms, and Japanese labels with or without spaces', () => {
    expect(matchesLabel('Ｏｐｔｅｄ　Ｏｕｔ', AE_LABELS.optedOut)).toBe(true);
    expect(matchesLabel('Salesforce.com項目名', AE_LABELS.salesforceFieldName)).toBe(true);
    expect(matchesLabel('Salesforce.com 項目名：', AE_LABELS.salesforceFieldName)).toBe(true);
  });

  it('treats curly and straight quotes alike', () => {
    expect(normaliseLabel('Use Salesforce’s value')).toBe(normaliseLabel("Use Salesforce's value"));
  });

  it('never matches an empty text', () => {
    expect(matchesLabel('', ['', ' '])).toBe(false);
    expect(matchesLabel(' : ', AE_LABELS.optedOut)).toBe(false);
  });
});
