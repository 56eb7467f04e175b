import { describe, expect, it } from 'vitest';
import { autoCloseMoment, autoCloseText, durationText, firstResponseClock, firstResponseText, minutesSince } from './clock';

const now = Date.parse('2026-12-01T10:00:00Z');

describe('the first-response clock', () => {
  it('counts the time left to the target', () => {
    const clock = firstResponseClock('2026-12-01T11:20:30Z', undefined, now);
    expect(clock).toEqual({ state: 'left', minutes: 80 });
    expect(firstResponseText(clock!, 'en')).toBe('1 h 20 min left');
    expect(firstResponseText(clock!, 'ru')).toBe('осталось 1 ч 20 мин');
  });

  it('says how late the first response is once the target has passed', () => {
    const clock = firstResponseClock('2026-12-01T09:25:00Z', null, now);
    expect(clock).toEqual({ state: 'late', minutes: 35 });
    expect(firstResponseText(clock!, 'en')).toBe('late by 35 min');
    expect(firstResponseText(clock!, 'ru')).toBe('просрочено на 35 мин');
  });

  it('is late as soon as the target passes', () => {
    const clock = firstResponseClock('2026-12-01T09:59:59Z', null, now);
    expect(clock).toEqual({ state: 'late', minutes: 0 });
    expect(firstResponseText(clock!, 'en')).toBe('late by less than a minute');
  });

  it('shows nothing once support has answered, or without a target', () => {
    expect(firstResponseClock('2026-12-01T11:00:00Z', '2026-12-01T09:50:00Z', now)).toBeUndefined();
    expect(firstResponseClock(undefined, undefined, now)).toBeUndefined();
    expect(firstResponseClock(null, null, now)).toBeUndefined();
    expect(firstResponseClock('not a date', null, now)).toBeUndefined();
  });
});

describe('durations', () => {
  it('name the two largest units', () => {
    expect(durationText(0, 'en')).toBe('less than a minute');
    expect(durationText(5, 'en')).toBe('5 min');
    expect(durationText(60, 'en')).toBe('1 h');
    expect(durationText(61, 'en')).toBe('1 h 1 min');
    expect(durationText(1440 + 3 * 60 + 59, 'en')).toBe('1 d 3 h');
    expect(durationText(2 * 1440, 'ru')).toBe('2 д');
  });

  it('count from when the customer started waiting', () => {
    expect(minutesSince('2026-12-01T07:30:00Z', now)).toBe(150);
    expect(minutesSince('2026-12-01T10:05:00Z', now)).toBe(0);
  });
});

describe('auto-close', () => {
  it('says a deadline at midnight in Moscow as the end of the day before', () => {
    // API.md: a request on Tuesday 1 December 2026 runs out on Friday 4 December 24:00 Moscow time.
    expect(autoCloseMoment('2026-12-04T21:00:00Z', 'en')).toEqual({ day: 'Friday, December 4' });
    expect(autoCloseMoment('2026-12-04T21:00:00Z', 'ru')).toEqual({ day: 'пятница, 4 декабря' });
    expect(autoCloseText('2026-12-04T21:00:00Z', 'en')).toBe(
      'Closes automatically at the end of Friday, December 4 (Moscow time) unless the customer answers.',
    );
  });

  it('gives the time of any other moment', () => {
    expect(autoCloseMoment('2026-12-04T12:30:00Z', 'ru')).toEqual({ day: 'пятница, 4 декабря', time: '15:30' });
  });
});
