import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formatDate, t } from './index';
import { ru } from './ru';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('dictionaries', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it('have no empty messages', () => {
    for (const dictionary of [ru, en]) {
      expect(Object.entries(dictionary).filter(([, text]) => text.trim() === '')).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ru[key]));
    }
  });
});

describe('t', () => {
  it('fills placeholders and formats numbers for the language', () => {
    expect(t('kb.found', { count: 1234 }, 'ru')).toBe('Найдено статей: 1\u00a0234');
    expect(t('kb.found', { count: 1234 }, 'en')).toBe('Articles found: 1,234');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(t('footer.version', {}, 'en')).toBe('Version {version}');
  });
});

describe('formatDate', () => {
  it('writes dates the way each language does', () => {
    expect(formatDate('2026-11-25T09:30:00Z', 'ru')).toBe('25 ноября 2026 г.');
    expect(formatDate('2026-11-25T09:30:00Z', 'en')).toBe('November 25, 2026');
  });
});
