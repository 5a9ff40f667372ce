/**
 * With an OAuth connection the prospect's activities come from API v5 visitor activities: the same
 * opt-outs and email activities the page gives, so the history and the scanner verdict read alike.
 */
import { describe, expect, it } from 'vitest';
import { scannerVerdict } from '../../../src/core/scanner';
import { fromVisitorActivities } from '../../../src/core/visitor-activities';

const at = (seconds: number) => new Date(Date.parse('2026-11-29T09:00:00Z') + seconds * 1000).toISOString();
const EMAIL = { emailId: 501, listEmailId: 77 };

describe('visitor activities by API v5', () => {
  it('give the opt-outs named by their email, newest first, and leave a resubscribe and a page view out', () => {
    const { optOutActivities } = fromVisitorActivities([
      { type: 6, details: 'Newsletter', createdAt: at(0), ...EMAIL },
      { type: 12, details: 'Newsletter', createdAt: at(100), ...EMAIL },
      { type: 16, details: 'Newsletter', createdAt: at(200), ...EMAIL },
      { type: 15, details: 'Offer', createdAt: at(300), emailId: 9 },
      { type: 2, details: 'https://www.example.com/', createdAt: at(400) },
    ]);
    expect(optOutActivities).toEqual([
      { at: at(300), what: 'Email Preference Page: Offer' },
      { at: at(100), what: 'Unsubscribe Page: Newsletter' },
    ]);
  });

  it('give a scanner’s trace to the verdict: each click on a different link of the email, as a key', () => {
    const { emailActivities } = fromVisitorActivities([
      { id: 1, type: 6, details: 'Newsletter', createdAt: at(0), ...EMAIL },
      { id: 2, type: 1, details: 'https://www.example.com/a', createdAt: at(2), ...EMAIL },
      { id: 3, type: 1, details: 'https://www.example.com/b', createdAt: at(2), ...EMAIL },
      { id: 4, type: 1, details: 'https://www.example.com/c', createdAt: at(3), ...EMAIL },
      { id: 5, type: 12, details: 'Newsletter', createdAt: at(4), ...EMAIL },
    ]);
    expect(emailActivities.map((a) => [a.kind, a.email])).toEqual([
      ['unsubscribe', 'Newsletter'],
      ['click', 'Newsletter'],
      ['click', 'Newsletter'],
      ['click', 'Newsletter'],
      ['sent', 'Newsletter'],
    ]);
    expect(JSON.stringify(emailActivities)).not.toContain('example.com');
    expect(scannerVerdict(emailActivities)).toMatchObject({
      email: 'Newsletter',
      secondsAfterSent: 4,
      burst: { links: 3 },
    });
  });

  it('give no verdict for a person who unsubscribed hours after the send', () => {
    const { emailActivities } = fromVisitorActivities([
      { type: 6, details: 'Newsletter', createdAt: at(0), ...EMAIL },
      { type: 12, details: 'Newsletter', createdAt: at(3 * 3600), ...EMAIL },
    ]);
    expect(emailActivities).toHaveLength(2);
    expect(scannerVerdict(emailActivities)).toBeNull();
  });
});
