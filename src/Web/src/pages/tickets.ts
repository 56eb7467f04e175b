import { api, ApiError } from '../api';
import { catalogue, type Catalogue } from '../catalogue';
import { h } from '../dom';
import { t } from '../i18n';
import { emptyState, statusMessage, type Page, type PageContext } from './page';
import {
  authorLabel,
  departmentLabel,
  formatDateTime,
  priorityLabel,
  statusLabel,
  ticketNumber,
  typeLabel,
  type TicketSummary,
  signInLink,
} from './ticket-common';

interface TicketList {
  items: TicketSummary[];
  nextCursor?: string | null;
  resolvedCount: number;
}

/** How many tickets one "Show more" adds. */
export const ticketsPerPage = 20;

/** "My tickets": open ones by default; `?resolved=true` shows resolved and closed ones. */
const tickets: Page = {
  title: 'tickets.title',
  render: (context) => {
    const resolved = context.query.get('resolved') === 'true';
    return h(
      'div',
      { class: 'page tickets' },
      h('h1', {}, t('tickets.title')),
      h('p', { class: 'intro' }, t('tickets.intro')),
      h('p', {}, h('a', { class: 'button', href: '/tickets/new' }, t('newTicket.title'))),
      list(resolved, context),
    );
  },
};

export default tickets;

const columns = ['id', 'subject', 'status', 'updated'] as const;

function list(resolved: boolean, { signal }: PageContext): HTMLElement {
  const status = statusMessage(t('tickets.loading'));
  const region = h('section', { class: 'ticket-list', 'aria-busy': 'true' }, status);
  const toggle = h('p', { class: 'toggle' });
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'tickets-table' },
    h('caption', {}, resolved ? t('tickets.resolvedHeading') : t('tickets.caption')),
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: `col-${column}` }, t(`tickets.col.${column}`))))),
    body,
  );
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('tickets.more'));
  const shown = new Set<number>();
  let cursor: string | null = null;

  const load = async (first: boolean) => {
    region.setAttribute('aria-busy', 'true');
    more.disabled = true;
    try {
      const [page, names] = await Promise.all([
        api.get<TicketList>('/tickets', { query: { resolved, limit: ticketsPerPage, cursor: cursor ?? undefined }, signal }),
        catalogue(),
      ]);
      if (first) {
        toggle.replaceChildren(
          resolved
            ? h('a', { href: '/tickets' }, t('tickets.showOpen'))
            : h('a', { href: '/tickets?resolved=true' }, t('tickets.showResolved', { count: page.resolvedCount })),
        );
        status.textContent = '';
        if (page.items.length === 0) {
          region.replaceChildren(status, toggle, resolved ? emptyState('tickets.emptyResolved') : emptyState('tickets.empty', { href: '/tickets/new', label: 'newTicket.title' }));
          return;
        }
        region.replaceChildren(status, toggle, table, more);
      }
      // A ticket updated while the customer pages moves to the top of the list; it is shown where it was first seen.
      const fresh = page.items.filter((ticket) => !shown.has(ticket.id));
      for (const ticket of fresh) shown.add(ticket.id);
      body.append(...fresh.map((ticket) => row(ticket, names)));
      cursor = page.nextCursor ?? null;
      more.hidden = cursor === null;
      if (!first) status.textContent = t('tickets.added', { count: fresh.length });
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) {
        status.textContent = t('tickets.signIn');
        region.append(signInLink('/tickets'));
      } else {
        status.textContent = t('tickets.unavailable');
      }
    } finally {
      more.disabled = false;
      region.removeAttribute('aria-busy');
    }
  };
  more.addEventListener('click', () => void load(false));
  void load(true);
  return region;
}

/** Four columns: the subject carries its department and type below it, the update time who wrote last. */
function row(ticket: TicketSummary, names: Catalogue): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('td', { class: 'col-id' }, ticketNumber(ticket.id)),
    h(
      'td',
      { class: 'col-subject' },
      h('a', { href: `/tickets/${ticket.id}` }, ticket.subject),
      h('span', { class: 'cell-note' }, `${departmentLabel(ticket.department, names)} · ${typeLabel(ticket.type)}`),
    ),
    h(
      'td',
      { class: 'col-status' },
      h('span', { class: `badge status-${ticket.status}` }, statusLabel(ticket.status)),
      h('span', { class: 'cell-note' }, t('tickets.priority', { priority: priorityLabel(ticket.priority) })),
    ),
    h(
      'td',
      { class: 'col-updated' },
      h('time', { datetime: ticket.updatedAt }, formatDateTime(ticket.updatedAt)),
      h('span', { class: 'cell-note' }, authorLabel(ticket.lastReplier)),
    ),
  );
}
