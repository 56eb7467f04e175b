import { lazyPage, type Page } from './pages/page';
import type { Route } from './router';
import answer from './pages/answer';
import certificates from './pages/certificates';
import confirmEmail from './pages/confirm-email';
import forgotPassword from './pages/forgot-password';
import home from './pages/home';
import kb from './pages/kb';
import kbArticle from './pages/kb-article';
import newTicket from './pages/new-ticket';
import password from './pages/password';
import preferences from './pages/preferences';
import profile from './pages/profile';
import resetPassword from './pages/reset-password';
import signIn from './pages/sign-in';
import signUp from './pages/sign-up';
import tickets from './pages/tickets';
import ticket from './pages/ticket';
import verify from './pages/verify';

export { default as notFound } from './pages/not-found';

/** The staff desk is a chunk of its own (with MSAL), fetched only when a desk page is opened. */
const desk = () => import('./desk/desk');

/** Every page of the portal. First match wins, so put literal paths before parameterised ones. */
export const routes: readonly Route<Page>[] = [
  { path: '/', page: home },
  { path: '/tickets', page: tickets },
  { path: '/tickets/new', page: newTicket },
  { path: '/tickets/:id/answer', page: answer },
  { path: '/tickets/:id', page: ticket },
  { path: '/kb', page: kb },
  { path: '/kb/:slug', page: kbArticle },
  { path: '/certificates', page: certificates },
  { path: '/account/profile', page: profile },
  { path: '/account/preferences', page: preferences },
  { path: '/account/password', page: password },
  { path: '/sign-in', page: signIn },
  { path: '/sign-up', page: signUp },
  { path: '/verify', page: verify },
  { path: '/forgot-password', page: forgotPassword },
  { path: '/reset-password', page: resetPassword },
  { path: '/confirm-email', page: confirmEmail },
  { path: '/desk', page: lazyPage('desk.queue.title', () => desk().then((m) => m.queuePage), 'desk') },
  { path: '/desk/sign-in', page: lazyPage('desk.signIn.title', () => desk().then((m) => m.signInPage), 'desk') },
  { path: '/desk/kb', page: lazyPage('desk.kb.title', () => desk().then((m) => m.kbListPage), 'desk') },
  { path: '/desk/kb/new', page: lazyPage('desk.kbEdit.titleNew', () => desk().then((m) => m.kbEditorPage), 'desk') },
  { path: '/desk/kb/:slug', page: lazyPage('desk.kbEdit.titleEdit', () => desk().then((m) => m.kbEditorPage), 'desk') },
  { path: '/desk/tickets/:id', page: lazyPage('desk.ticket.title', () => desk().then((m) => m.ticketPage), 'desk') },
];
