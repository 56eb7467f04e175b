import './styles.css';
import { initLanguage, setLanguage, t, type Language } from './i18n';
import { layout, setPageTitle } from './layout';
import { matchRoute, startRouter, type NavigationCause } from './router';
import { notFound, routes } from './routes';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
const app: HTMLElement = root;

let pageLifetime: AbortController | undefined;

function render(url: URL, cause: NavigationCause | 'language'): void {
  pageLifetime?.abort();
  pageLifetime = new AbortController();

  const match = matchRoute(routes, url.pathname);
  const page = match?.route.page ?? notFound;
  setPageTitle(t(page.title));
  const context = { params: match?.params ?? {}, query: url.searchParams, signal: pageLifetime.signal };
  const content = page.render(context);
  const tools = page.headerTools?.(context);
  app.replaceChildren(...layout({ pathname: url.pathname, content, onLanguageChange: switchLanguage, area: page.area, tools }));

  if (cause === 'push' || cause === 'pop') moveFocusToHeading(cause);
}

/** After a client-side navigation, screen readers learn of the new page from its focused h1. */
function moveFocusToHeading(cause: NavigationCause): void {
  if (cause === 'push') window.scrollTo(0, 0);
  const heading = app.querySelector<HTMLElement>('main h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

function switchLanguage(next: Language): void {
  setLanguage(next);
  render(new URL(location.href), 'language');
  document.getElementById('language-switch')?.focus();
}

initLanguage();
startRouter(render);
