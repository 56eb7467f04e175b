import { describe, expect, it } from 'vitest';
import { autoCloseText, followUpHref } from './auto-close';

describe('autoCloseText', () => {
  it('names the business day that ends at midnight, in both languages', () => {
    process.env.TZ = 'Europe/Moscow';
    expect(autoCloseText('2026-12-04T21:00:00Z', 'en')).toBe('Closes automatically on Friday 4 December unless you answer.');
    expect(autoCloseText('2026-12-04T21:00:00Z', 'ru')).toBe('Закроется автоматически в пятницу, 4 декабря, если вы не ответите.');
  });

  it('gives the time where the moment is not midnight for the reader', () => {
    const text = autoCloseText('2026-12-04T21:30:00Z', 'en');
    expect(text).toMatch(/^Closes automatically on \w+ \d+ December at \d\d:\d\d unless you answer\.$/);
  });
});

describe('followUpHref', () => {
  it('carries the earlier ticket and its subject to the new-ticket form', () => {
    expect(followUpHref(42, 'Ошибка & сбой')).toBe('/tickets/new?followUpOf=42&subject=%D0%9E%D1%88%D0%B8%D0%B1%D0%BA%D0%B0+%26+%D1%81%D0%B1%D0%BE%D0%B9');
  });
});
