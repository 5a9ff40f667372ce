import { describe, expect, it } from 'vitest';
import { parseAgentCommand } from '../../../src/core/ae-page';
import { parsePageCommand } from '../../../src/core/page-commands';

describe('what a page accepts from the worker', () => {
  it('takes only "status-changed" as a broadcast', () => {
    expect(parsePageCommand({ type: 'status-changed' })).toEqual({ type: 'status-changed' });
    for (const message of [null, 'status-changed', { type: 'status-changed', prospectId: 7 }, { type: 'ae-commit' }]) {
      expect(parsePageCommand(message)).toBeNull();
    }
  });

  it('takes only the agent commands it knows, each with an id, and nothing more', () => {
    expect(parseAgentCommand({ type: 'prepare', id: 3 })).toEqual({ type: 'prepare', id: 3 });
    expect(parseAgentCommand({ type: 'commit', id: 4 })).toEqual({ type: 'commit', id: 4 });
    for (const message of [
      null,
      { type: 'prepare' },
      { type: 'prepare', id: 1.5 },
      { type: 'prepare', id: 1, field: 'isDoNotEmail' },
      { type: 'write-anything', id: 1 },
      { type: 'commit', id: '1' },
    ]) {
      expect(parseAgentCommand(message)).toBeNull();
    }
  });
});
