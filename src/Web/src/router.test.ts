import { describe, expect, it } from 'vitest';
import { matchRoute, type Route } from './router';

const routes: Route<string>[] = [
  { path: '/', page: 'home' },
  { path: '/tickets', page: 'tickets' },
  { path: '/tickets/new', page: 'new ticket' },
  { path: '/tickets/:id', page: 'ticket' },
  { path: '/kb/:slug', page: 'article' },
];

const pageFor = (pathname: string) => matchRoute(routes, pathname)?.route.page;

describe('matchRoute', () => {
  it('matches the root and literal paths exactly', () => {
    expect(pageFor('/')).toBe('home');
    expect(pageFor('/tickets')).toBe('tickets');
    expect(pageFor('/tickets/new')).toBe('new ticket');
  });

  it('ignores a trailing slash', () => {
    expect(pageFor('/tickets/')).toBe('tickets');
  });

  it('prefers the earlier route when a literal and a parameter both fit', () => {
    expect(pageFor('/tickets/new')).toBe('new ticket');
  });

  it('captures parameters decoded', () => {
    expect(matchRoute(routes, '/tickets/42')?.params).toEqual({ id: '42' });
    expect(matchRoute(routes, '/kb/%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C')?.params).toEqual({ slug: 'пароль' });
  });

  it('finds nothing for unknown paths, extra segments or undecodable parameters', () => {
    expect(pageFor('/nowhere')).toBeUndefined();
    expect(pageFor('/tickets/42/extra')).toBeUndefined();
    expect(pageFor('/kb/%E0%A4%A')).toBeUndefined();
  });
});
