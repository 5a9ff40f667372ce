/** The evidence Task an admin may ask for: one completed Task on the pair's record, saying who, why, when, before and after. */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  activityDate,
  earlierTasksQuery,
  evidenceTaskFields,
  TASK_SUBJECT_PREFIXES,
} from '../../../src/core/evidence-task';
import type { Job } from '../../../src/core/job';

/** chrome.i18n.getMessage as Chrome answers it from one locale's messages.json: `$name$` from its placeholder's `$n`. */
const sayIn = (locale: 'en' | 'ja') => {
  const messages = JSON.parse(
    readFileSync(new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'),
  ) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  return (key: string, substitutions: string[] = []) => {
    const entry = messages[key];
    if (!entry) throw new Error(`no message ${key}`);
    return entry.message.replace(/\$([A-Za-z]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return substitutions[Number(content.slice(1)) - 1] ?? '';
    });
  };
};

const job = {
  id: 'job-1',
  prospectId: 42,
  recordId: '0035g00000ABCDEAAZ',
  email: 'ada@example.com',
  admin: 'admin@example.com',
  reason: 'Asked by phone on 28 Nov',
  createdAt: Date.parse('2026-11-28T09:30:00Z'),
  attempts: [
    {
      number: 1,
      startedAt: 0,
      sides: ['ae', 'salesforce'],
      writes: {},
      verified: { optedOut: false, hasOptedOutOfEmail: false, at: Date.parse('2026-11-28T09:33:00Z') },
    },
  ],
  outcome: { result: 'done' },
} as unknown as Job;

describe('the evidence Task', () => {
  it('is a completed Task on the record and nothing else, with the reason, who confirmed and both sides', () => {
    const fields = evidenceTaskFields(job, sayIn('en'), Date.parse('2026-11-28T09:34:00Z'));
    expect(Object.keys(fields).sort()).toEqual(['ActivityDate', 'Description', 'Status', 'Subject', 'WhoId']);
    expect(fields.WhoId).toBe(job.recordId);
    expect(fields.Status).toBe('Completed');
    expect(fields.ActivityDate).toMatch(/^2026-11-2[89]$/);
    expect(fields.Subject).toBe('Opt-Out Sync Guard: opted ada@example.com back in');
    expect(fields.Description).toContain('Reason: Asked by phone on 28 Nov');
    expect(fields.Description).toContain('Confirmed by admin@example.com at 2026-11-28T09:30:00.000Z');
    expect(fields.Description).toContain('Opted Out (prospect 42): checked before, unchecked after');
    expect(fields.Description).toContain('Email Opt Out: checked before, unchecked after');
    expect(fields.Description).toContain('2026-11-28T09:33:00.000Z');
  });

  it('says only the side that was checked as checked before', () => {
    const one = { ...job, attempts: [{ ...job.attempts[0], sides: ['salesforce'] }] } as unknown as Job;
    const fields = evidenceTaskFields(one, sayIn('en'), Date.now());
    expect(fields.Description).toContain('(prospect 42): unchecked before, unchecked after');
  });

  it('is written in Japanese for a Japanese admin, and found again by the same query', () => {
    const fields = evidenceTaskFields(job, sayIn('ja'), Date.now());
    expect(fields.Subject?.startsWith(TASK_SUBJECT_PREFIXES[1])).toBe(true);
    expect(fields.Description).toContain('理由: Asked by phone on 28 Nov');
    expect(fields.Description).toContain('Salesforce の [メール送信除外]: 変更前 オン、変更後 オフ');
    const query = earlierTasksQuery(job.recordId);
    for (const prefix of TASK_SUBJECT_PREFIXES) expect(query).toContain(`Subject LIKE '${prefix}%'`);
    expect(query).toContain("WHERE WhoId = '0035g00000ABCDEAAZ'");
  });

  it('cannot be steered into another record by an id with quotes in it', () => {
    expect(earlierTasksQuery("003' OR WhoId != '")).toContain("WhoId = '003ORWhoId'");
  });

  it('dates the activity on the local calendar day', () => {
    expect(activityDate(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05');
  });
});
