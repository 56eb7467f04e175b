/** The auto-close moment in words, in the reader's language and local time. */
import { language, t, type Language } from '../i18n';

// Russian says "в пятницу, 4 декабря": the weekday takes the accusative after "в", which Intl does not give.
const russianOnWeekday = ['в воскресенье', 'в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу'];

function day(value: Date, lang: Language): string {
  if (lang === 'ru') {
    return `${russianOnWeekday[value.getDay()]}, ${new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'long' }).format(value)}`;
  }
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' }).format(value);
}

/**
 * "Closes automatically on Friday 4 December unless you answer." The moment is the end of a business day (24:00 in
 * support's time zone): name the day that ends, and give the time only when it is not midnight where the reader is.
 */
export function autoCloseText(autoCloseAt: string, lang: Language = language()): string {
  const at = new Date(autoCloseAt);
  if (at.getHours() === 0 && at.getMinutes() === 0) return t('ticket.autoClose', { date: day(new Date(at.getTime() - 1), lang) }, lang);
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return t('ticket.autoCloseAt', { date: day(at, lang), time }, lang);
}

/** Where the customer sends a new ticket that continues a closed one: the subject comes along. */
export function followUpHref(ticketId: number, subject: string): string {
  return `/tickets/new?${new URLSearchParams({ followUpOf: String(ticketId), subject }).toString()}`;
}
