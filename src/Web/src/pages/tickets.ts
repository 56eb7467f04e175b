import { api, ApiError } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { emptyState, statusMessage, type Page, type PageContext } from './page';
import {
  authorLabel,
  departmentLabel,
  formatDateTime,
  priorityLabel,
  statusLabel,
  typeLabel,
  type TicketSummary,
  signInLink,
} from './ticket-common';

interface TicketList {
  items: TicketSummary[];
  nextCursor: string | null;
  resolvedCount: number;
}

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

function list(resolved: boolean, { signal }: PageContext): HTMLElement {
  const status = statusMessage(t('tickets.loading'));
  const region = h('section', { class: 'ticket-list', 'aria-busy': 'true' }, status);
  const toggle = h('p', { class: 'toggle' });
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'tickets-table' },
    h('caption', {}, resolved ? t('tickets.resolvedHeading') : t('tickets.caption')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        (['id', 'subject', 'updated', 'lastReplier', 'department', 'type', 'status', 'priority'] as const).map((column) =>
          h('th', { scope: 'col' }, t(`tickets.col.${column}`)),
        ),
      ),
    ),
    body,
  );
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('tickets.more'));
  let cursor: string | null = null;

  const load = async (first: boolean) => {
    region.setAttribute('aria-busy', 'true');
    try {
      const page = await api.get<TicketList>('/tickets', {
        query: { resolved, cursor: cursor ?? undefined },
        signal,
      });
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
      body.append(...page.items.map(row));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) {
        status.textContent = t('tickets.signIn');
        region.append(signInLink('/tickets'));
      } else {
        status.textContent = t('tickets.unavailable');
      }
    } finally {
      region.removeAttribute('aria-busy');
    }
  };
  more.addEventListener('click', () => void load(false));
  void load(true);
  return region;
}

function row(ticket: TicketSummary): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('td', {}, `№${ticket.id}`),
    h('td', {}, h('a', { href: `/tickets/${ticket.id}` }, ticket.subject)),
    h('td', {}, h('time', { datetime: ticket.updatedAt }, formatDateTime(ticket.updatedAt))),
    h('td', {}, authorLabel(ticket.lastReplier)),
    h('td', {}, departmentLabel(ticket.department)),
    h('td', {}, typeLabel(ticket.type)),
    h('td', {}, h('span', { class: `badge status-${ticket.status}` }, statusLabel(ticket.status))),
    h('td', {}, h('span', { class: `badge priority-${ticket.priority}` }, priorityLabel(ticket.priority))),
  );
}
