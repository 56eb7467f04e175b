// Every page a customer meets, signed out and signed in as the demo customer, at a phone's and a laptop's width, in both
// languages: shared by the layout test (no page scrolls sideways) and `./support screenshots`. Needs the real stack.
import assert from 'node:assert/strict';

/** The demo customer the local stack seeds (src/Functions/Accounts/AccountDemoSeeder.cs), with tickets and certificates. */
export const demo = { email: 'demo@example.com', password: 'Demo-Customer-2026' };

export const widths = [390, 1280];
export const languages = ['ru', 'en'];

/**
 * A context whose pages open in `language` at `width` (the language is the one the header switch remembers), signed in
 * when given the `storageState` of a signed-in context.
 */
export async function newCustomerContext(browser, { baseURL, width, language, storageState }) {
  const context = await browser.newContext({ baseURL, storageState, viewport: { width, height: width < 600 ? 844 : 800 } });
  await context.addInitScript((lang) => localStorage.setItem('sf.lang', lang), language);
  return context;
}

/** The cookies of one sign-in as `account`, for every context that needs it: signing in again each time is throttled. */
export async function signedInState(browser, baseURL, account = demo) {
  const context = await browser.newContext({ baseURL });
  try {
    await signIn(context, account);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** Signs the context in as `account` through the API: the session and CSRF cookies land in the context. */
export async function signIn(context, account = demo) {
  const response = await context.request.post('/api/session', { data: account });
  assert.equal(response.status(), 200, `sign-in of ${account.email}: ${await response.text()}`);
}

/** The pages, as `{ name, path, signedIn }`; a ticket and an article the demo data holds stand for their kinds. */
export async function customerPages(request) {
  const signedOut = [
    { name: 'home', path: '/' },
    { name: 'kb', path: '/kb' },
    { name: 'kb-search', path: '/kb?q=сертификат' },
    { name: 'sign-in', path: '/sign-in' },
    { name: 'sign-up', path: '/sign-up' },
    { name: 'forgot-password', path: '/forgot-password' },
    { name: 'not-found', path: '/no/such/page' },
  ];
  const articles = await (await request.get('/api/kb/articles?lang=ru')).json();
  if (articles.items?.[0]) signedOut.push({ name: 'kb-article', path: `/kb/${articles.items[0].slug}` });
  const signedIn = [
    { name: 'tickets', path: '/tickets' },
    { name: 'tickets-resolved', path: '/tickets?resolved=true' },
    { name: 'new-ticket', path: '/tickets/new' },
    { name: 'certificates', path: '/certificates' },
    { name: 'profile', path: '/account/profile' },
    { name: 'preferences', path: '/account/preferences' },
    { name: 'password', path: '/account/password' },
  ];
  return [...signedOut.map((page) => ({ ...page, signedIn: false })), ...signedIn.map((page) => ({ ...page, signedIn: true }))];
}

/** The demo customer's first ticket with staff replies, once signed in (its page is one of the customer pages too). */
export async function demoTicketPage(request) {
  const list = await (await request.get('/api/tickets')).json();
  assert.ok(list.items?.length > 0, 'the demo customer has open tickets');
  const replied = list.items.find((ticket) => ticket.lastReplier.kind === 'staff') ?? list.items[0];
  return { name: 'ticket', path: `/tickets/${replied.id}`, signedIn: true };
}

/** How far the page is wider than the window: 0 when nothing scrolls sideways. */
export function sidewaysOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The elements that stick out past the right edge, to say what makes a page scroll sideways. */
export function overflowingElements(page) {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll('body *'))
      .filter((element) => element.getBoundingClientRect().right > limit + 1)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${element.className}`);
  });
}
