// @vitest-environment happy-dom
/** A content script's listeners and timers stop with its lifetime: nothing of an old version keeps running on a page. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Lifetime } from '../../../src/content/lifetime';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a content script lifetime', () => {
  it('ends its children with it, and its listeners and timers with them', () => {
    const extension = new Lifetime();
    const overlay = extension.child();
    const heard: string[] = [];
    overlay.on(document, 'visibilitychange', () => heard.push('event'));
    overlay.every(1_000, () => heard.push('tick'));
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(1_000);
    expect(heard).toEqual(['event', 'tick']);
    extension.end();
    expect(overlay.ended).toBe(true);
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(5_000);
    expect(heard).toEqual(['event', 'tick']);
  });

  it('lets a child end alone, leaving its parent running', () => {
    const extension = new Lifetime();
    const overlay = extension.child();
    let ticks = 0;
    extension.every(1_000, () => ticks++);
    overlay.end();
    vi.advanceTimersByTime(2_000);
    expect(extension.ended).toBe(false);
    expect(ticks).toBe(2);
  });

  it('runs a delayed step (the pair read again after a Save) once, and never after the overlay is gone', () => {
    const extension = new Lifetime();
    const overlay = extension.child();
    const heard: string[] = [];
    overlay.after(1_500, () => heard.push('first'));
    vi.advanceTimersByTime(3_000);
    expect(heard).toEqual(['first']);
    overlay.after(1_500, () => heard.push('after the end'));
    extension.end();
    vi.advanceTimersByTime(3_000);
    expect(heard).toEqual(['first']);
  });
});
