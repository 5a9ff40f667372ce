/** Who undid an opt-in: the person, a user or another integration, the connector, or "could not be read". */
import { describe, expect, it } from 'vitest';
import { explainUndone } from '../../../src/core/undone';

const DONE = Date.parse('2026-11-28T10:00:00Z');
const NOW = DONE + 10_000;
const later = (seconds: number) => DONE + seconds * 1000;

describe('who undid an opt-in', () => {
  it('says nothing while both sides stay opted in', () => {
    expect(explainUndone({ aeChecked: false, sfChecked: false }, DONE, NOW)).toBeNull();
  });

  it('names the person when a newer opt-out activity is on the prospect, before any history row', () => {
    const undone = explainUndone(
      {
        aeChecked: true,
        sfChecked: true,
        activities: [{ at: new Date(later(3)).toISOString(), what: 'Unsubscribe Page: Newsletter' }],
        history: [{ at: later(5), newValue: true, by: 'B2BMA Integration', connector: true }],
      },
      DONE,
      NOW,
    );
    expect(undone).toEqual({ at: NOW, sides: ['ae', 'salesforce'], by: 'person', who: 'Unsubscribe Page: Newsletter' });
  });

  it('names a user or another integration by the field history, and ignores changes from before the job ended', () => {
    const undone = explainUndone(
      {
        aeChecked: false,
        sfChecked: true,
        activities: [{ at: new Date(DONE - 86_400_000).toISOString(), what: 'Unsubscribe Page: old' }],
        history: [
          { at: later(4), newValue: true, by: 'Act-On Integration', connector: false },
          { at: DONE - 60_000, newValue: true, by: 'B2BMA Integration', connector: true },
        ],
      },
      DONE,
      NOW,
    );
    expect(undone).toMatchObject({ sides: ['salesforce'], by: 'user', who: 'Act-On Integration' });
  });

  it('names the connector when its user checked the field again, and says so when nothing tells who', () => {
    expect(
      explainUndone(
        {
          aeChecked: false,
          sfChecked: true,
          history: [{ at: later(2), newValue: true, by: 'B2BMA Integration', connector: true }],
        },
        DONE,
        NOW,
      ),
    ).toMatchObject({ by: 'connector', who: 'B2BMA Integration' });
    expect(explainUndone({ aeChecked: true, sfChecked: false, history: null }, DONE, NOW)).toMatchObject({
      sides: ['ae'],
      by: 'unknown',
      who: null,
    });
  });
});
