import { describe, expect, it } from 'vitest';
import { parsePageCommand } from '../../src/core/page-commands';

describe('commands a page may receive from the worker', () => {
  it('accepts exactly the four command shapes', () => {
    expect(parsePageCommand({ type: 'status-changed' })).toEqual({ type: 'status-changed' });
    expect(parsePageCommand({ type: 'ae-prepare', prospectId: 1001 })).toEqual({
      type: 'ae-prepare',
      prospectId: 1001,
    });
    expect(parsePageCommand({ type: 'ae-commit', prospectId: 7, at: 1_800_000_000_000 })).toEqual({
      type: 'ae-commit',
      prospectId: 7,
      at: 1_800_000_000_000,
    });
    expect(parsePageCommand({ type: 'ae-reload', prospectId: 7 })).toEqual({ type: 'ae-reload', prospectId: 7 });
  });

  it('refuses anything else', () => {
    for (const message of [
      null,
      'ae-commit',
      { type: 'ae-commit' },
      { type: 'ae-commit', prospectId: '7' },
      { type: 'ae-commit', prospectId: 7 },
      { type: 'ae-prepare', prospectId: 7, at: 5 },
      { type: 'ae-commit', prospectId: 1.5 },
      { type: 'ae-commit', prospectId: 7, field: 'isDoNotEmail' },
      { type: 'status-changed', prospectId: 7 },
      { type: 'write-anything', prospectId: 7 },
    ]) {
      expect(parsePageCommand(message)).toBeNull();
    }
  });
});
