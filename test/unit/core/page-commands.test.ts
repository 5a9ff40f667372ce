import { describe, expect, it } from 'vitest';
import { parseAgentCommand } from '../../../src/core/ae-page-protocol';
import { parseAgentReply } from '../../../src/core/messages';
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

describe('what the worker accepts from a page agent', () => {
  const activities = {
    optOutActivities: [{ at: '2026-11-29T10:05:00.000Z', what: 'Unsubscribe Page: Spring Newsletter' }],
    emailActivities: [{ kind: 'click', at: '2026-11-29T10:05:00.000Z', email: 'Spring Newsletter', link: '0a1b2c3d' }],
  };

  it('asks a page for its activity list with a command of its own, and takes the answer only as that command’s', () => {
    expect(parseAgentCommand({ type: 'activities', id: 5 })).toEqual({ type: 'activities', id: 5 });
    expect(parseAgentReply('activities', activities)).toEqual(activities);
    expect(parseAgentReply('activities', { optOutActivities: null, emailActivities: null })).toEqual({
      optOutActivities: null,
      emailActivities: null,
    });
    // The same answer to another command is out of shape, and another command's answer to this one.
    expect(parseAgentReply('read', activities)).toBeNull();
    expect(parseAgentReply('activities', { ok: true })).toBeNull();
  });

  it('refuses an activity list out of shape: more than it keeps, a link as an address, a field more', () => {
    const many = Array.from({ length: 21 }, () => activities.optOutActivities[0]);
    for (const reply of [
      { ...activities, optOutActivities: many },
      { ...activities, emailActivities: [{ ...activities.emailActivities[0], link: 'https://example.com/a?pi=jane' }] },
      { ...activities, pageHtml: '<table>' },
      { optOutActivities: activities.optOutActivities },
    ]) {
      expect(parseAgentReply('activities', reply)).toBeNull();
    }
  });
});
