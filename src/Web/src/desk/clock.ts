/** Time on the desk in words: the first-response clock, how long a customer has waited, when auto-close comes. */
import { language, t, type Language } from '../i18n';

/** Support's time zone (API.md "Auto-close"); business deadlines such as auto-close are days there. */
export const supportTimeZone = 'Europe/Moscow';

export type FirstResponseClock = { state: 'left' | 'late'; minutes: number };

/** Time to the first-response target, or past it; nothing once support has answered or when there is no target. */
export function firstResponseClock(
  dueAt: string | null | undefined,
  respondedAt: string | null | undefined,
  now: number,
): FirstResponseClock | undefined {
  if (!dueAt || respondedAt) return undefined;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return undefined;
  const difference = due - now;
  return difference >= 0
    ? { state: 'left', minutes: Math.floor(difference / 60_000) }
    : { state: 'late', minutes: Math.floor(-difference / 60_000) };
}

export function firstResponseText(clock: FirstResponseClock, lang?: Language): string {
  const duration = durationText(clock.minutes, lang);
  return clock.state === 'left' ? t('desk.clock.left', { duration }, lang) : t('desk.clock.late', { duration }, lang);
}

/** "2 d 3 h", "1 h 20 min", "35 min": the two largest units, rounded down. */
export function durationText(totalMinutes: number, lang?: Language): string {
  const minutes = Math.max(0, Math.floor(totalMinutes));
  if (minutes < 1) return t('desk.unit.lessThanMinute', {}, lang);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days > 0) {
    parts.push(t('desk.unit.days', { count: days }, lang));
    if (hours > 0) parts.push(t('desk.unit.hours', { count: hours }, lang));
  } else if (hours > 0) {
    parts.push(t('desk.unit.hours', { count: hours }, lang));
    if (rest > 0) parts.push(t('desk.unit.minutes', { count: rest }, lang));
  } else {
    parts.push(t('desk.unit.minutes', { count: rest }, lang));
  }
  return parts.join(' ');
}

export function minutesSince(since: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
}

/**
 * When auto-close comes, as support's calendar says it: a deadline at midnight is the end of the day before it
 * ("Friday, 4 December", no time); any other moment is that day and its time.
 */
export function autoCloseMoment(at: string, lang: Language, timeZone = supportTimeZone): { day: string; time?: string } {
  const instant = Date.parse(at);
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  const day = (moment: number) =>
    new Intl.DateTimeFormat(lang, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(moment);
  if (clock === '00:00') return { day: day(instant - 1) };
  return { day: day(instant), time: new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit' }).format(instant) };
}

export function autoCloseText(at: string, lang?: Language): string {
  const moment = autoCloseMoment(at, lang ?? language());
  return moment.time
    ? t('desk.autoClose.at', { day: moment.day, time: moment.time }, lang)
    : t('desk.autoClose.endOfDay', { day: moment.day }, lang);
}

