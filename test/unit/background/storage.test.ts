/** Stored data from older versions is migrated, corrupted or newer data is reset with a notice, and nothing crashes. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { migrateStorage, read, SCHEMA_VERSION } = await import('../../../src/background/store');

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('stored data across versions', () => {
  it('starts a fresh install at the current schema, with no notice', async () => {
    expect(await migrateStorage()).toBeNull();
    expect(await read('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(await read('notices')).toEqual([]);
  });

  it('upgrades data from before versioning and keeps what the admin set', async () => {
    await fakeBrowser.storage.local.set({
      options: { syncIntervalSeconds: 90, marginSeconds: 30, pollSeconds: 30 },
      settings: {
        _current: { businessUnitId: null, overwriteOptedOut: 'on', optedOutSyncBehavior: null, optedOutMapped: true },
      },
    });
    const notice = await migrateStorage();
    expect(notice).toMatchObject({ kind: 'storage-migrated' });
    expect(await read('options')).toMatchObject({ syncIntervalSeconds: 90, maxAttempts: 3, oauthClientId: '' });
    expect((await read('settings'))._current).toMatchObject({ overwriteOptedOut: 'on', fieldLearned: null });
    expect(await read('notices')).toEqual([notice]);
  });

  it('keeps jobs, the audit log and settings from version 1, in today’s names for the two sides', async () => {
    const attempt = {
      number: 1,
      startedAt: 1,
      sides: ['account-engagement', 'salesforce'],
      writes: { 'account-engagement': { method: 'page', startedAt: 1, ok: true } },
    };
    await fakeBrowser.storage.local.set({
      schemaVersion: 1,
      jobs: {
        j: {
          id: 'j',
          phase: 'failed',
          attempts: [attempt],
          outcome: { result: 'failed', written: ['account-engagement'] },
        },
      },
      audit: [{ jobId: 'j', at: 1, attempts: [attempt], written: ['account-engagement'] }],
      settings: { _current: { overwriteOptedOut: 'on', optedOutSyncBehavior: 'account-engagement' } },
    });
    expect(await migrateStorage()).toMatchObject({ kind: 'storage-migrated' });
    const job = (await read('jobs')).j;
    expect(job?.attempts[0]).toMatchObject({ sides: ['ae', 'salesforce'], writes: { ae: { ok: true } } });
    expect(job?.outcome).toMatchObject({ written: ['ae'] });
    expect((await read('audit'))[0]).toMatchObject({ written: ['ae'] });
    expect((await read('settings'))._current).toMatchObject({ overwriteOptedOut: 'on', optedOutSyncBehavior: 'ae' });
  });

  it('resets only the corrupted keys, and says which', async () => {
    await fakeBrowser.storage.local.set({
      schemaVersion: SCHEMA_VERSION,
      jobs: 'not an object',
      audit: [{ jobId: 'a', at: 1, attempts: [] }],
      settings: { _current: { overwriteOptedOut: 'maybe' } },
    });
    const notice = await migrateStorage();
    expect(notice).toMatchObject({ kind: 'storage-reset', keys: ['settings', 'jobs'] });
    expect(await read('jobs')).toEqual({});
    expect(await read('settings')).toEqual({});
    expect(await read('audit')).toHaveLength(1);
  });

  it('clears data written by a newer version rather than misreading it', async () => {
    await fakeBrowser.storage.local.set({
      schemaVersion: SCHEMA_VERSION + 1,
      jobs: { x: { id: 'x', phase: 'from-the-future', attempts: [] } },
    });
    const notice = await migrateStorage();
    expect(notice).toMatchObject({ kind: 'storage-reset' });
    expect(await read('jobs')).toEqual({});
    expect(await read('schemaVersion')).toBe(SCHEMA_VERSION);
  });

  it('revokes the OAuth connection a newer version left before forgetting it, at the host that issued it', async () => {
    const connection = {
      refreshToken: 'refresh-from-the-future',
      loginHost: 'login.salesforce.com',
      instanceHost: 'acme.my.salesforce.com',
      orgId: '00D5g000004SbOx',
      clientId: 'client',
    };
    await fakeBrowser.storage.local.set({ schemaVersion: SCHEMA_VERSION + 1, oauth: connection });
    const revoked: { url: string; body: string; stillStored: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const stillStored = (await fakeBrowser.storage.local.get('oauth')).oauth;
      revoked.push({ url, body: String(init.body), stillStored });
      return new Response('', { status: 200 });
    });
    try {
      expect(await migrateStorage()).toMatchObject({ kind: 'storage-reset' });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(revoked).toEqual([
      {
        url: 'https://login.salesforce.com/services/oauth2/revoke',
        body: 'token=refresh-from-the-future',
        stillStored: connection,
      },
    ]);
    expect(await read('oauth')).toBeNull();
  });

  it('sends a newer version’s refresh token nowhere but a Salesforce login host or My Domain', async () => {
    await fakeBrowser.storage.local.set({
      schemaVersion: SCHEMA_VERSION + 1,
      oauth: { refreshToken: 't', loginHost: 'evil.example.com', instanceHost: 'x', orgId: null, clientId: 'c' },
    });
    const fetch = vi.fn(async () => new Response('', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    try {
      await migrateStorage();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(fetch).not.toHaveBeenCalled();
    expect(await read('oauth')).toBeNull();
  });

  it('keeps the audit log written by a newer version: readable entries in place, the rest aside', async () => {
    const readable = { jobId: 'a', at: 1, attempts: [], outcome: 'done', written: ['ae'] };
    const future = { jobId: 'b', at: '2027-01-01', steps: [] };
    await fakeBrowser.storage.local.set({
      schemaVersion: SCHEMA_VERSION + 1,
      audit: [readable, future],
      auditDropped: 4,
    });
    await migrateStorage();
    expect(await read('audit')).toEqual([readable]);
    expect(await read('auditUnreadable')).toEqual([future]);
    expect(await read('auditDropped')).toBe(4);
  });

  it('sets a corrupted audit log aside instead of resetting it', async () => {
    await fakeBrowser.storage.local.set({ schemaVersion: SCHEMA_VERSION, audit: { not: 'a list' } });
    await migrateStorage();
    expect(await read('audit')).toEqual([]);
    expect(await read('auditUnreadable')).toEqual([{ not: 'a list' }]);
  });

  it('rides out a storage error during the upgrade and loses nothing', async () => {
    await fakeBrowser.storage.local.set({
      schemaVersion: 1,
      audit: [{ jobId: 'j', at: 1, attempts: [], written: ['account-engagement'] }],
      settings: { _current: { overwriteOptedOut: 'on', optedOutSyncBehavior: null } },
    });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('IO error'));
    expect(await migrateStorage()).toMatchObject({ kind: 'storage-migrated' });
    expect(get.mock.calls.length).toBeGreaterThan(1);
    expect((await read('audit'))[0]).toMatchObject({ jobId: 'j', written: ['ae'] });
    expect((await read('settings'))._current).toMatchObject({ overwriteOptedOut: 'on' });
  });

  it('when storage keeps failing, clears nothing, refuses to read old data, and upgrades once storage is back', async () => {
    await fakeBrowser.storage.local.set({
      schemaVersion: 1,
      audit: [{ jobId: 'j', at: 1, attempts: [], written: ['account-engagement'] }],
    });
    const clear = vi.spyOn(fakeBrowser.storage.local, 'clear');
    const failing = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES'));
    expect(await migrateStorage()).toBeNull();
    await expect(read('audit')).rejects.toMatchObject({ code: 'storage-unavailable' });
    expect(clear).not.toHaveBeenCalled();
    failing.mockRestore();
    expect((await read('audit'))[0]).toMatchObject({ jobId: 'j', written: ['ae'] });
  });
});
