/**
 * The browser's view of the customer session. The session cookie itself is HttpOnly; the readable `sf_csrf` cookie
 * comes and goes with it, so it tells whether we are signed in and is echoed as `X-CSRF-Token` on changes.
 */
export const csrfCookie = 'sf_csrf';

export function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === csrfCookie) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export function isSignedIn(): boolean {
  return Boolean(csrfToken());
}

/** Forgets the session on this side too (the server clears its cookies; this covers a failed sign-out). */
export function forgetSession(): void {
  document.cookie = `${csrfCookie}=; Path=/; Max-Age=0; Secure; SameSite=Strict`;
}
