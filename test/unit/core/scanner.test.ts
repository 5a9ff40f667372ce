/**
 * The scanner verdict: "looks like a link scanner, not a person" only where the prospect's activities
 * show a scanner's trace (an unsubscribe seconds after the send, or inside a burst of clicks on the
 * email's links), with the reason; otherwise nothing at all.
 */
import { describe, expect, it } from 'vitest';
import {
  BURST_MIN_LINKS,
  BURST_WINDOW_SECONDS,
  type EmailActivity,
  scannerVerdict,
  UNSUBSCRIBE_WITHIN_SECONDS,
} from '../../../src/core/scanner';

const T = Date.parse('2026-11-29T09:00:00Z');
const at = (seconds: number) => new Date(T + seconds * 1000).toISOString();
const sent = (seconds: number, email = 'Newsletter'): EmailActivity => ({ kind: 'sent', at: at(seconds), email });
const click = (seconds: number, link: string, email = 'Newsletter'): EmailActivity => ({
  kind: 'click',
  at: at(seconds),
  email,
  link,
});
const unsubscribe = (seconds: number, email = 'Newsletter'): EmailActivity => ({
  kind: 'unsubscribe',
  at: at(seconds),
  email,
});
const HOUR = 3600;

const examples: [string, EmailActivity[], ReturnType<typeof scannerVerdict>][] = [
  [
    'a scanner: every link clicked within seconds of the send, the unsubscribe among them',
    [sent(0), click(2, 'a'), click(2.4, 'b'), click(3, 'c'), unsubscribe(3.5)],
    { email: 'Newsletter', unsubscribedAt: at(3.5), secondsAfterSent: 4, burst: { links: 3, seconds: 2 } },
  ],
  [
    'a scanner that followed only the unsubscribe link, seconds after the send',
    [sent(0), unsubscribe(5)],
    { email: 'Newsletter', unsubscribedAt: at(5), secondsAfterSent: 5, burst: null },
  ],
  [
    'a burst of clicks hours after the send (a scanner at the moment a link is opened), the unsubscribe in it',
    [sent(0), click(2 * HOUR, 'a'), click(2 * HOUR + 1, 'b'), click(2 * HOUR + 2, 'c'), unsubscribe(2 * HOUR + 2)],
    {
      email: 'Newsletter',
      unsubscribedAt: at(2 * HOUR + 2),
      secondsAfterSent: 2 * HOUR + 2,
      burst: { links: 3, seconds: 2 },
    },
  ],
  [
    'a person: the unsubscribe hours after the send, no burst',
    [sent(0), click(3 * HOUR, 'a'), unsubscribe(3 * HOUR + 40)],
    null,
  ],
  [
    'a person who clicked two links, then unsubscribed: two links are no burst',
    [sent(0), click(HOUR, 'a'), click(HOUR + 2, 'b'), unsubscribe(HOUR + 4)],
    null,
  ],
  [
    'one link clicked three times is not three links',
    [sent(0), click(HOUR, 'a'), click(HOUR + 1, 'a'), click(HOUR + 2, 'a'), unsubscribe(HOUR + 3)],
    null,
  ],
  [
    'a burst of another email says nothing of this unsubscribe',
    [
      sent(0, 'Offer'),
      click(1, 'a', 'Offer'),
      click(1, 'b', 'Offer'),
      click(2, 'c', 'Offer'),
      sent(0),
      unsubscribe(HOUR),
    ],
    null,
  ],
  ['a send of another email just before says nothing', [sent(0, 'Offer'), unsubscribe(3)], null],
  ['no unsubscribe: nothing to explain', [sent(0), click(1, 'a'), click(1, 'b'), click(1, 'c')], null],
  ['an unsubscribe whose time could not be read proves nothing', [sent(0), { ...unsubscribe(3), at: null }], null],
  [
    'the newest unsubscribe is the one explained',
    [sent(0), unsubscribe(3), sent(10 * HOUR), unsubscribe(12 * HOUR)],
    null,
  ],
  [
    `just over the ${UNSUBSCRIBE_WITHIN_SECONDS} seconds: no verdict`,
    [sent(0), unsubscribe(UNSUBSCRIBE_WITHIN_SECONDS + 1)],
    null,
  ],
  [
    `clicks spread over more than ${BURST_WINDOW_SECONDS} seconds are no burst`,
    [sent(0), click(HOUR, 'a'), click(HOUR + 6, 'b'), click(HOUR + 12, 'c'), unsubscribe(HOUR + 12)],
    null,
  ],
  [
    'a burst with the unsubscribe long after it: the person came back later',
    [sent(0), click(1, 'a'), click(1, 'b'), click(2, 'c'), unsubscribe(5 * HOUR)],
    null,
  ],
];

describe('the scanner verdict', () => {
  it.each(examples)('%s', (_name, activities, expected) => {
    expect(scannerVerdict(activities)).toEqual(expected);
  });

  it(`needs ${BURST_MIN_LINKS} different links for a burst`, () => {
    const links = ['a', 'b', 'c', 'd'].slice(0, BURST_MIN_LINKS);
    const burst = [sent(0), ...links.map((link, i) => click(HOUR + i, link)), unsubscribe(HOUR + links.length)];
    expect(scannerVerdict(burst)?.burst?.links).toBe(BURST_MIN_LINKS);
    expect(scannerVerdict(burst.filter((a) => a.link !== 'a'))).toBeNull();
  });
});
