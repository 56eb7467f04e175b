import { describe, expect, it } from 'vitest';
import { entraSettings, tokenExpired } from './session';
import { safeNext, signInPath } from './staff-api';

const jwt = (payload: object) => `e30.${btoa(JSON.stringify(payload)).replace(/=+$/, '')}.sig`;

describe('staff sign-in settings', () => {
  it('sign in locally when the build names no client id', () => {
    expect(entraSettings({})).toBeUndefined();
    expect(entraSettings({ VITE_STAFF_CLIENT_ID: ' ' })).toBeUndefined();
  });

  it('derive the authority and the API scope from the client id and tenant unless given', () => {
    expect(entraSettings({ VITE_STAFF_CLIENT_ID: 'spa', VITE_STAFF_TENANT_ID: 'contoso.onmicrosoft.com' })).toEqual({
      clientId: 'spa',
      authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
      scope: 'api://spa/.default',
    });
    expect(
      entraSettings({ VITE_STAFF_CLIENT_ID: 'spa', VITE_STAFF_AUTHORITY: 'https://login.example/t', VITE_STAFF_API_SCOPE: 'api://api-app/Desk.Use' }),
    ).toEqual({ clientId: 'spa', authority: 'https://login.example/t', scope: 'api://api-app/Desk.Use' });
  });
});

describe('the local token', () => {
  it('counts as expired a minute before its exp', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(tokenExpired(jwt({ exp: now / 1000 + 3600 }), now)).toBe(false);
    expect(tokenExpired(jwt({ exp: now / 1000 + 30 }), now)).toBe(true);
    expect(tokenExpired('opaque-token', now)).toBe(false);
  });
});

describe('where sign-in returns to', () => {
  it('is a desk page of this site and nothing else', () => {
    expect(safeNext('/desk/tickets/7?x=1')).toBe('/desk/tickets/7?x=1');
    expect(safeNext('/desk?status=open')).toBe('/desk?status=open');
    expect(safeNext('//evil.example/desk')).toBe('/desk');
    expect(safeNext('https://evil.example/desk')).toBe('/desk');
    expect(safeNext('/deskevil')).toBe('/desk');
    expect(safeNext('/desk/sign-in?next=/desk')).toBe('/desk');
    expect(safeNext(null)).toBe('/desk');
    expect(signInPath('expired', '/desk/tickets/7')).toBe('/desk/sign-in?reason=expired&next=%2Fdesk%2Ftickets%2F7');
  });
});
