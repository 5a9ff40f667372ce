/**
 * The content script on Account Engagement's own host (top level, or the
 * frame inside the Account Engagement Lightning app: all_frames in the
 * manifest). Every AE page pays for this much; only a page whose path may be
 * one of ours loads the rest.
 */
import { mayBeAePage } from '../core/page-paths';

// Timeline mark for the benchmark (npm run bench): when the content script started.
performance.mark('optout-sync-guard:start');

if (mayBeAePage(location.pathname)) void import('./ae-main').then((main) => main.run());
