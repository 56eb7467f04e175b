/**
 * /desk/tickets/{id}: the thread with internal notes, the composer, the fields, the customer and the audit trail.
 * Everything but the composer is drawn again from each newer version of the ticket; the composer keeps its draft.
 */
import { ApiError } from '../api';
import { h } from '../dom';
import { formatDate, language, t, type MessageKey } from '../i18n';
import { setPageTitle } from '../layout';
import { statusMessage, type Page, type PageContext } from '../pages/page';
import { authorLabel, eventLabel, formatDateTime, formatSize, priorityLabel, reason, systemMessageItem, typeLabel } from '../pages/ticket-common';
import { autoCloseText, firstResponseClock, firstResponseText } from './clock';
import { composer } from './composer';
import { priorities, statuses } from './filters';
import { deskTools, staffMe } from './header-tools';
import { auditSentence, departmentName, deskStatusLabel, ticketTypes } from './labels';
import { staffApi } from './staff-api';
import type { Agent, Department, StaffMessage, StaffTicket } from './types';
import { ticketChanges, withPanels, type TicketChanges } from './changes';

export const ticketPage: Page = {
  title: 'desk.ticket.title',
  area: 'desk',
  headerTools: deskTools,
  render: (context) => ticketView(context),
};

/** What the page knows and the regions it draws into. */
export interface Desk {
  ticket: StaffTicket;
  departments: Department[];
  agents: Agent[];
  context: PageContext;
  /** Draws every region but the composer from `ticket`. */
  show(ticket: StaffTicket): void;
  /** Loads the ticket as it is now and draws it; returns what changed since the version shown. */
  reload(): Promise<TicketChanges>;
}

export function loadTicket(id: number, signal: AbortSignal): Promise<StaffTicket> {
  return staffApi.get<StaffTicket>(`/staff/tickets/${id}`, { signal });
}

function ticketView(context: PageContext): HTMLElement {
  const id = context.params['id'] ?? '';
  const heading = h('h1', {}, t('desk.ticket.title'));
  const status = statusMessage(t('desk.ticket.loading'));
  const content = h('div', { class: 'desk-ticket-content' });
  const region = h('div', { class: 'page desk-ticket', 'aria-busy': 'true' }, h('p', { class: 'back' }, h('a', { href: '/desk' }, t('desk.ticket.back'))), heading, status, content);
  if (!/^\d+$/.test(id)) {
    status.textContent = t('desk.ticket.notFound');
    region.removeAttribute('aria-busy');
    return region;
  }
  const ticketId = Number(id);
  const { signal } = context;
  const departments = staffApi
    .get<{ items: Department[] }>('/staff/departments', { signal, signInOnForbidden: false, query: { lang: language() } })
    .then((list) => list.items)
    .catch((): Department[] => []);
  const agents = staffApi
    .get<{ items: Agent[] }>('/staff/agents', { signal })
    .then((list) => list.items)
    .catch((): Agent[] => []);

  Promise.all([loadTicket(ticketId, signal), departments, agents])
    .then(([ticket, departmentList, agentList]) => {
      status.textContent = '';
      const summary = h('div', { class: 'desk-summary' });
      const thread = h('ol', { class: 'thread desk-thread', 'aria-labelledby': 'desk-thread-heading' });
      const fields = h('section', { class: 'desk-panel desk-fields', 'aria-labelledby': 'desk-fields-heading' });
      const customer = h('section', { class: 'desk-panel desk-customer', 'aria-labelledby': 'desk-customer-heading' });
      const audit = h('section', { class: 'desk-panel desk-audit', 'aria-labelledby': 'desk-audit-heading' });
      // Nobody writes on a closed ticket (the API refuses); reopening it in the fields brings the composer back.
      const closedNotice = h('p', { class: 'notice desk-closed', hidden: true }, t('desk.ticket.closedNoComposer'));
      let writing: HTMLElement | undefined;
      const desk: Desk = {
        ticket,
        departments: departmentList,
        agents: agentList,
        context,
        show(next) {
          desk.ticket = next;
          const title = t('desk.ticket.heading', { id: next.id, subject: next.subject });
          heading.textContent = title;
          setPageTitle(title);
          summary.replaceChildren(...summaryOf(next, desk));
          thread.replaceChildren(...next.messages.map((message) => messageItem(next.id, message)));
          fields.replaceChildren(...fieldsPanel(desk));
          customer.replaceChildren(...customerPanel(next));
          audit.replaceChildren(...auditPanel(next, desk));
          closedNotice.hidden = next.status !== 'closed';
          if (writing) writing.hidden = next.status === 'closed';
        },
        async reload() {
          const before = desk.ticket;
          const now = await loadTicket(ticketId, signal);
          desk.show(now);
          return ticketChanges(before, now);
        },
      };
      writing = composer(desk);
      desk.show(ticket);
      content.replaceChildren(
        summary,
        h(
          'div',
          { class: 'desk-columns' },
          h(
            'div',
            { class: 'desk-work' },
            h('h2', { id: 'desk-thread-heading' }, t('desk.ticket.thread')),
            thread,
            closedNotice,
            writing,
          ),
          h('aside', { class: 'desk-side', 'aria-label': t('desk.ticket.side') }, fields, customer, audit),
        ),
      );
    })
    .catch((error: unknown) => {
      if (signal.aborted) return;
      status.textContent =
        error instanceof ApiError && error.status === 404 ? t('desk.ticket.notFound') : t('desk.ticket.failed', { reason: reason(error) });
    })
    .finally(() => region.removeAttribute('aria-busy'));
  return region;
}

function summaryOf(ticket: StaffTicket, desk: Desk): Node[] {
  const clock = firstResponseClock(ticket.firstResponseDueAt, ticket.firstRespondedAt, Date.now());
  const facts: Node[] = [
    h('span', { class: `badge priority priority-${ticket.priority}` }, priorityLabel(ticket.priority)),
    h('span', { class: `badge status-${ticket.status}` }, deskStatusLabel(ticket.status)),
    h('span', {}, departmentName(ticket.department, desk.departments, language())),
    h('span', {}, typeLabel(ticket.type)),
    h('span', {}, t('desk.ticket.created', { date: formatDateTime(ticket.createdAt) })),
  ];
  if (clock) facts.push(h('span', { class: clock.state === 'late' ? 'clock late' : 'clock' }, t('desk.ticket.firstResponse', { clock: firstResponseText(clock) })));
  const notes: Node[] = [h('p', { class: 'desk-facts' }, facts)];
  if (ticket.autoCloseAt && ticket.status === 'awaiting_customer') notes.push(h('p', { class: 'notice' }, autoCloseText(ticket.autoCloseAt)));
  if (ticket.closedReason) notes.push(h('p', { class: 'notice' }, t('desk.ticket.closedReason', { reason: closedReason(ticket.closedReason) })));
  if (ticket.followUpOf) notes.push(h('p', {}, t('desk.ticket.followUpOf'), ' ', h('a', { href: `/desk/tickets/${ticket.followUpOf}` }, `№${ticket.followUpOf}`)));
  if (ticket.followUps && ticket.followUps.length > 0) {
    notes.push(h('p', {}, t('desk.ticket.followUps'), ' ', ticket.followUps.flatMap((id, index) => [index > 0 ? ', ' : '', h('a', { href: `/desk/tickets/${id}` }, `№${id}`)])));
  }
  if (ticket.certificate) notes.push(h('p', { class: 'meta' }, t('desk.ticket.certificate', { product: ticket.certificate.productName ?? '', serial: ticket.certificate.serial })));
  const versions = [ticket.osVersion, ticket.productVersions].filter(Boolean).join(' · ');
  if (versions) notes.push(h('p', { class: 'meta' }, t('desk.ticket.versions', { versions })));
  return notes;
}

function closedReason(code: string): string {
  const known = { auto_no_response: 'desk.closed.auto_no_response', customer_resolved: 'desk.closed.customer_resolved', staff: 'desk.closed.staff' } as const;
  return code in known ? t(known[code as keyof typeof known]) : code;
}

function messageItem(ticketId: number, message: StaffMessage): HTMLElement {
  if (message.author.kind === 'system') return systemMessageItem(message.event ? deskEventLabel(message.event) : message.body, message.createdAt);
  const internal = message.internal === true;
  return h(
    'li',
    { class: `message ${message.author.kind}${internal ? ' internal' : ''}` },
    h(
      'article',
      { 'aria-label': internal ? t('desk.ticket.internalNote') : authorName(message) },
      h(
        'header',
        {},
        internal && h('span', { class: 'internal-mark' }, t('desk.ticket.internalNote')),
        h('strong', {}, authorName(message)),
        ' ',
        h('time', { datetime: message.createdAt }, formatDateTime(message.createdAt)),
      ),
      h('div', { class: 'body' }, message.body),
      message.attachments.length > 0 &&
        h('ul', { class: 'attachments', 'aria-label': t('ticket.attachmentsOf') }, message.attachments.map((file) =>
          h('li', {}, downloadButton(ticketId, file.id, t('ticket.download', { name: file.fileName, size: formatSize(file.size) }))),
        )),
    ),
  );
}

function authorName(message: StaffMessage): string {
  if (message.author.kind === 'customer') return message.author.name ? t('desk.author.customer', { name: message.author.name }) : t('desk.author.customerAnonymous');
  return message.author.name || authorLabel(message.author);
}

/** A system event said from support's side ("waits for the customer", not the customer's "waiting for your reply"). */
function deskEventLabel(event: string): string {
  const key = `desk.event.${event}`;
  try {
    return t(key as MessageKey);
  } catch {
    return eventLabel(event);
  }
}

/**
 * A staff download: the API answers `?as=json` with a short-lived link (a bearer token cannot ride along a redirect
 * into a download), which the browser then opens as a download.
 */
function downloadButton(ticketId: number, attachmentId: string, label: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'link-button' }, label);
  button.addEventListener('click', () => {
    button.disabled = true;
    staffApi
      .get<{ url: string }>(`/staff/tickets/${ticketId}/attachments/${encodeURIComponent(attachmentId)}`, { query: { as: 'json' } })
      .then(({ url }) => {
        const link = h('a', { href: url, download: '', hidden: true });
        document.body.append(link);
        link.click();
        link.remove();
      })
      .catch(() => {
        button.after(h('span', { role: 'status', class: 'field-error' }, t('desk.ticket.downloadFailed')));
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return button;
}

/** The side panel of fields, saved together with PATCH and the ETag the page holds. */
function fieldsPanel(desk: Desk): Node[] {
  const ticket = desk.ticket;
  const lang = language();
  const outcome = statusMessage('');
  const options = (values: readonly string[], label: (value: string) => string, current: string) => {
    const list = values.includes(current) ? values : [current, ...values];
    return list.map((value) => h('option', { value, selected: value === current }, label(value)));
  };
  const status = h('select', { id: 'field-status', name: 'status' }, options(statuses, deskStatusLabel, ticket.status));
  const priority = h('select', { id: 'field-priority', name: 'priority' }, options(priorities, priorityLabel, ticket.priority));
  const department = h(
    'select',
    { id: 'field-department', name: 'departmentId' },
    options(desk.departments.map((d) => d.id), (id) => departmentName(id, desk.departments, lang), ticket.department),
  );
  const assigneeId = ticket.assignee?.id ?? '';
  const agentIds = desk.agents.map((agent) => agent.id);
  const assignee = h(
    'select',
    { id: 'field-assignee', name: 'assigneeId' },
    options(['', ...agentIds.filter((a) => a !== '')], (value) => {
      if (value === '') return t('desk.queue.unassigned');
      return desk.agents.find((agent) => agent.id === value)?.name ?? (value === assigneeId ? ticket.assignee?.name ?? value : value);
    }, assigneeId),
  );
  const type = h('select', { id: 'field-type', name: 'type' }, options(ticketTypes, typeLabel, ticket.type));
  const save = h('button', { type: 'submit' }, t('desk.fields.save'));
  const assignToMe = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('desk.fields.assignToMe'));

  const form = h(
    'form',
    { class: 'desk-fields-form', novalidate: true },
    row('field-status', t('desk.field.status'), status),
    row('field-priority', t('desk.field.priority'), priority),
    row('field-department', t('desk.field.department'), department),
    row('field-assignee', t('desk.field.assignee'), assignee),
    row('field-type', t('desk.field.type'), type),
    h('div', { class: 'actions' }, save, assignToMe),
    outcome,
  );

  void staffMe(desk.context.signal).then((me) => {
    if (me && me.id !== assigneeId) assignToMe.hidden = false;
    assignToMe.onclick = () => {
      if (me) void patch({ assigneeId: me.id }, t('desk.fields.assignedToMe'));
    };
  });

  async function patch(changes: Record<string, string | null>, done: string): Promise<void> {
    form.setAttribute('aria-busy', 'true');
    save.disabled = true;
    outcome.textContent = t('form.sending');
    try {
      const changed = await staffApi.patch<StaffTicket>(`/staff/tickets/${ticket.id}`, {
        body: changes,
        headers: { 'If-Match': ticket.etag },
        signal: desk.context.signal,
      });
      desk.show(withPanels(changed, desk.ticket));
      announce(done);
    } catch (error) {
      if (desk.context.signal.aborted) return;
      if (error instanceof ApiError && error.status === 412) {
        await desk.reload().catch(() => undefined);
        announce(t('desk.fields.stale'));
        return;
      }
      outcome.textContent = t('desk.fields.failed', { reason: reason(error) });
      save.disabled = false;
      form.removeAttribute('aria-busy');
    }
  }

  // The panel is drawn anew after a save; the message goes to the new panel's live region.
  function announce(text: string): void {
    const region = document.querySelector<HTMLElement>('.desk-fields-form [role=status]');
    if (region) region.textContent = text;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes: Record<string, string | null> = {};
    if (status.value !== ticket.status) changes['status'] = status.value;
    if (priority.value !== ticket.priority) changes['priority'] = priority.value;
    if (department.value !== ticket.department) changes['departmentId'] = department.value;
    if (assignee.value !== assigneeId) changes['assigneeId'] = assignee.value === '' ? null : assignee.value;
    if (type.value !== ticket.type) changes['type'] = type.value;
    if (Object.keys(changes).length === 0) {
      outcome.textContent = t('desk.fields.nothing');
      return;
    }
    void patch(changes, t('desk.fields.saved'));
  });

  return [h('h2', { id: 'desk-fields-heading' }, t('desk.fields.title')), form];
}

function row(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function customerPanel(ticket: StaffTicket): Node[] {
  const customer = ticket.customer;
  const heading = h('h2', { id: 'desk-customer-heading' }, t('desk.customer.title'));
  if (!customer) return [heading, h('p', { class: 'muted' }, t('desk.customer.unknown'))];
  const facts: [string, Node | string][] = [[t('desk.customer.name'), customer.name]];
  if (customer.email) facts.push([t('field.email'), h('a', { href: `mailto:${customer.email}` }, customer.email)]);
  if (customer.company) facts.push([t('field.company'), customer.company]);
  if (customer.phone) facts.push([t('field.phone'), h('a', { href: `tel:${customer.phone.replace(/[^\d+]/g, '')}` }, customer.phone)]);
  const certificates = customer.certificates ?? [];
  const others = (customer.openTickets ?? []).filter((other) => other.id !== ticket.id);
  return [
    heading,
    h('dl', { class: 'desk-facts-list' }, facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))),
    h('h3', {}, t('desk.customer.certificates')),
    certificates.length === 0
      ? h('p', { class: 'muted' }, t('desk.customer.noCertificates'))
      : h(
          'ul',
          { class: 'desk-certificates' },
          certificates.map((c) =>
            h(
              'li',
              {},
              h('strong', {}, c.productName ?? c.serial),
              ' ',
              h('span', { class: 'serial' }, c.serial),
              h('span', { class: `meta state-${c.state ?? ''}` }, [c.plan, c.state ? certificateState(c.state) : '', c.validTo ? t('desk.customer.validTo', { date: formatDate(c.validTo) }) : ''].filter(Boolean).join(' · ')),
            ),
          ),
        ),
    h('h3', {}, t('desk.customer.openTickets')),
    others.length === 0
      ? h('p', { class: 'muted' }, t('desk.customer.noOpenTickets'))
      : h('ul', { class: 'desk-other-tickets' }, others.map((other) =>
          h('li', {}, h('a', { href: `/desk/tickets/${other.id}` }, `№${other.id} ${other.subject}`), h('span', { class: 'meta' }, `${deskStatusLabel(other.status)} · ${priorityLabel(other.priority)}`)),
        )),
  ];
}

function certificateState(state: string): string {
  const keys = { active: 'certificates.state.active', expired: 'certificates.state.expired', revoked: 'certificates.state.revoked', not_yet_valid: 'certificates.state.not_yet_valid' } as const;
  return state in keys ? t(keys[state as keyof typeof keys]) : state;
}

function auditPanel(ticket: StaffTicket, desk: Desk): Node[] {
  const entries = [...(ticket.audit ?? [])].reverse();
  return [
    h('h2', { id: 'desk-audit-heading' }, t('desk.audit.title')),
    entries.length === 0
      ? h('p', { class: 'muted' }, t('desk.audit.empty'))
      : h('ol', { class: 'desk-audit-list' }, entries.map((entry) =>
          h('li', {}, auditSentence(entry, desk.departments, language()), ', ', h('time', { datetime: entry.at }, formatDateTime(entry.at))),
        )),
  ];
}
