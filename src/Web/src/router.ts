/** History API routing: pure path matching plus the glue that turns link clicks and back/forward into renders. */

export interface Route<P> {
  /** Literal segments and `:name` parameters, e.g. `/tickets/:id`. */
  readonly path: string;
  readonly page: P;
}

export interface RouteMatch<P> {
  readonly route: Route<P>;
  readonly params: Readonly<Record<string, string>>;
}

export function matchRoute<P>(routes: readonly Route<P>[], pathname: string): RouteMatch<P> | undefined {
  const actual = segments(pathname);
  for (const route of routes) {
    const params = matchSegments(segments(route.path), actual);
    if (params) return { route, params };
  }
  return undefined;
}

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const segment = actual[index] ?? '';
    if (expected.startsWith(':')) {
      const value = decode(segment);
      if (value === undefined) return undefined;
      params[expected.slice(1)] = value;
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export type NavigationCause = 'load' | 'push' | 'pop';
type Listener = (url: URL, cause: NavigationCause) => void;

let listener: Listener | undefined;
let shown: URL | undefined;

/** Starts listening for link clicks and history moves, then renders the current address. */
export function startRouter(onNavigate: Listener): void {
  listener = onNavigate;
  document.addEventListener('click', interceptLinkClick);
  window.addEventListener('popstate', () => {
    // Following an in-page link such as the skip link also fires popstate; that is no new page.
    const url = new URL(location.href);
    if (shown && url.pathname === shown.pathname && url.search === shown.search) return;
    show(url, 'pop');
  });
  show(new URL(location.href), 'load');
}

export function navigate(href: string, { replace = false } = {}): void {
  const url = new URL(href, location.href);
  if (replace || url.href === location.href) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  show(url, 'push');
}

/**
 * Records in the address what the page already shows (a list's filters) without rendering it again; going back to an
 * earlier address renders that one.
 */
export function updateAddress(href: string): void {
  const url = new URL(href, location.href);
  if (url.href === location.href) return;
  history.pushState(null, '', url);
  shown = url;
}

function show(url: URL, cause: NavigationCause): void {
  shown = url;
  listener?.(url, cause);
}

/** Whether a click on this link should stay in the app instead of loading a page. */
function isAppLink(link: HTMLAnchorElement, event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return false;
  const href = link.getAttribute('href');
  if (!href || href.startsWith('#')) return false;
  const url = new URL(link.href);
  return url.origin === location.origin && !url.pathname.startsWith('/api/');
}

function interceptLinkClick(event: MouseEvent): void {
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (link && isAppLink(link, event)) {
    event.preventDefault();
    navigate(link.href);
  }
}
