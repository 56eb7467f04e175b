import { api, apiUrl, ApiError } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { setPageTitle } from '../layout';
import { autoCloseText, followUpHref } from './auto-close';
import { statusMessage, type Page, type PageContext } from './page';
import {
  authorLabel,
  departmentLabel,
  eventLabel,
  formatDateTime,
  formatSize,
  maxFileMegabytes,
  maxFiles,
  newIdempotencyKey,
  priorityLabel,
  reason,
  signInLink,
  statusLabel,
  systemMessageItem,
  typeLabel,
  uploadFiles,
  type AttachmentInfo,
  type Message,
  type Ticket,
} from './ticket-common';

/** One ticket: details, the thread, a reply form and the resolve / reopen actions. Replies update the page in place. */
const ticketPage: Page = {
  title: 'ticket.title',
  render: (context) => {
    const id = context.params['id'] ?? '';
    const heading = h('h1', {}, t('ticket.title'));
    const status = statusMessage(t('ticket.loading'));
    const content = h('div', { class: 'ticket-content' });
    const region = h('div', { class: 'page ticket', 'aria-busy': 'true' }, heading, status, content);

    if (!/^\d+$/.test(id)) {
      status.textContent = t('ticket.notFound');
      region.removeAttribute('aria-busy');
      return region;
    }
    api
      .get<Ticket>(`/tickets/${id}`, { signal: context.signal })
      .then((ticket) => {
        status.textContent = '';
        show(ticket, { heading, content, context });
      })
      .catch((error: unknown) => {
        if (context.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) {
          status.textContent = t('tickets.signIn');
          content.append(signInLink(`/tickets/${id}`));
          return;
        }
        status.textContent = error instanceof ApiError && error.status === 404 ? t('ticket.notFound') : t('ticket.unavailable');
      })
      .finally(() => region.removeAttribute('aria-busy'));
    return region;
  },
};

export default ticketPage;

interface View {
  heading: HTMLElement;
  content: HTMLElement;
  context: PageContext;
}

function show(ticket: Ticket, view: View, announcement?: string): void {
  const title = t('ticket.heading', { id: ticket.id, subject: ticket.subject });
  view.heading.textContent = title;
  setPageTitle(title);
  const outcome = statusMessage(announcement ?? '');
  outcome.id = 'ticket-outcome';
  view.content.replaceChildren(
    h('p', {}, h('a', { href: '/tickets' }, t('ticket.back'))),
    details(ticket),
    actions(ticket, view, outcome),
    outcome,
    h('h2', { id: 'thread-heading' }, t('ticket.thread')),
    h('ol', { class: 'thread', 'aria-labelledby': 'thread-heading' }, ticket.messages.map((m) => message(ticket.id, m))),
    ...replyForm(ticket, view, outcome),
  );
}

function details(ticket: Ticket): HTMLElement {
  const rows: [string, string | Node][] = [
    [t('ticket.status'), h('span', { class: `badge status-${ticket.status}` }, statusLabel(ticket.status))],
    [t('ticket.priority'), priorityLabel(ticket.priority)],
    [t('ticket.department'), departmentLabel(ticket.department)],
    [t('tickets.col.type'), typeLabel(ticket.type)],
    [
      t('ticket.certificate'),
      ticket.certificate ? `${ticket.certificate.productName ?? ''} ${ticket.certificate.serial}`.trim() : t('ticket.noCertificate'),
    ],
    [t('ticket.created'), formatDateTime(ticket.createdAt)],
    [t('ticket.updated'), formatDateTime(ticket.updatedAt)],
  ];
  if (ticket.osVersion) rows.push([t('ticket.osVersion'), ticket.osVersion]);
  if (ticket.productVersions) rows.push([t('ticket.productVersions'), ticket.productVersions]);
  return h(
    'section',
    { class: 'ticket-details', 'aria-label': t('ticket.details') },
    h('dl', {}, rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))),
  );
}

function actions(ticket: Ticket, view: View, outcome: HTMLElement): HTMLElement {
  const bar = h('div', { class: 'ticket-actions' });
  const run = (path: string, done: string) => async (event: Event) => {
    const button = event.currentTarget as HTMLButtonElement;
    button.disabled = true;
    try {
      const changed = await api.post<Ticket>(`/tickets/${ticket.id}/${path}`, { signal: view.context.signal });
      show(changed, view, done);
      view.content.querySelector<HTMLElement>('#ticket-outcome')?.focus();
    } catch (error) {
      if (view.context.signal.aborted) return;
      outcome.textContent = t('ticket.actionFailed', { reason: reason(error) });
      button.disabled = false;
    }
  };
  if (ticket.status === 'closed') {
    const reopenable = ticket.reopenUntil !== undefined && new Date(ticket.reopenUntil) > new Date();
    bar.append(
      h(
        'p',
        { class: 'notice' },
        reopenable ? t('ticket.closedNotice', { date: formatDateTime(ticket.reopenUntil!) }) : t('ticket.closedForGood'),
        !reopenable && [' ', h('a', { href: followUpHref(ticket.id, ticket.subject) }, t('ticket.followUpNew'))],
      ),
    );
    if (reopenable) bar.append(h('button', { type: 'button', class: 'button', onclick: run('reopen', t('ticket.reopened')) }, t('ticket.reopen')));
  } else if (ticket.status === 'resolved') {
    bar.append(h('button', { type: 'button', class: 'button', onclick: run('reopen', t('ticket.reopened')) }, t('ticket.reopen')));
  } else {
    if (ticket.autoCloseAt) bar.append(h('p', { class: 'notice', id: 'auto-close' }, autoCloseText(ticket.autoCloseAt)));
    bar.append(h('button', { type: 'button', class: 'button secondary', onclick: run('resolve', t('ticket.resolved')) }, t('ticket.resolve')));
  }
  for (const next of ticket.followUps ?? []) bar.append(h('p', {}, h('a', { href: `/tickets/${next}` }, t('ticket.followUps', { id: next }))));
  if (ticket.followUpOf) bar.append(h('p', {}, h('a', { href: `/tickets/${ticket.followUpOf}` }, t('ticket.followUpOf', { id: ticket.followUpOf }))));
  return bar;
}

function message(ticketId: number, entry: Message): HTMLElement {
  if (entry.author.kind === 'system') return systemMessageItem(entry.event ? eventLabel(entry.event) : entry.body, entry.createdAt);
  return h(
    'li',
    { class: `message ${entry.author.kind}` },
    h(
      'article',
      {},
      h('header', {}, h('strong', {}, authorLabel(entry.author)), ' ', h('time', { datetime: entry.createdAt }, formatDateTime(entry.createdAt))),
      // Plain text with its line breaks (white-space: pre-wrap); never parsed as HTML.
      h('div', { class: 'body' }, entry.body),
      entry.attachments.length > 0 &&
        h('ul', { class: 'attachments', 'aria-label': t('ticket.attachmentsOf') }, entry.attachments.map((a) => attachment(ticketId, a))),
    ),
  );
}

function attachment(ticketId: number, file: AttachmentInfo): HTMLElement {
  const href = apiUrl(`/tickets/${ticketId}/attachments/${encodeURIComponent(file.id)}`);
  const raster = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(file.contentType);
  return h(
    'li',
    {},
    raster && h('img', { src: apiUrl(`/tickets/${ticketId}/attachments/${encodeURIComponent(file.id)}`, { inline: true }), alt: file.fileName, loading: 'lazy' }),
    h('a', { href, download: file.fileName }, t('ticket.download', { name: file.fileName, size: formatSize(file.size) })),
  );
}

function replyForm(ticket: Ticket, view: View, outcome: HTMLElement): HTMLElement[] {
  if (ticket.status === 'closed') return [];
  const body = h('textarea', { id: 'reply-body', name: 'body', rows: '5', required: true, maxlength: '20000' });
  const files = h('input', { id: 'reply-files', type: 'file', multiple: true, 'aria-describedby': 'reply-files-hint' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('ticket.replySubmit'));
  const form = h(
    'form',
    { class: 'reply-form', novalidate: true },
    h('h2', {}, h('label', { for: 'reply-body' }, t('ticket.reply'))),
    body,
    h('div', { class: 'field' }, h('label', { for: 'reply-files' }, t('newTicket.attachments')), h('p', { class: 'hint', id: 'reply-files-hint' }, t('newTicket.attachmentsHint', { count: maxFiles, size: maxFileMegabytes })), files),
    submit,
  );
  let idempotencyKey = newIdempotencyKey();
  form.addEventListener('input', () => {
    idempotencyKey = newIdempotencyKey();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (body.value.trim() === '') {
      body.setAttribute('aria-invalid', 'true');
      outcome.textContent = t('newTicket.fixFields');
      body.focus();
      return;
    }
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const attachmentIds = await uploadFiles(Array.from(files.files ?? []), (file) => {
          outcome.textContent = t('newTicket.uploading', { name: file.name });
        }, view.context.signal);
        const changed = await api.post<Ticket>(`/tickets/${ticket.id}/messages`, {
          body: { body: body.value, attachmentIds },
          headers: { 'Idempotency-Key': idempotencyKey },
          signal: view.context.signal,
        });
        show(changed, view, t('ticket.replySent'));
      } catch (error) {
        if (view.context.signal.aborted) return;
        outcome.textContent = t('ticket.actionFailed', { reason: reason(error) });
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      }
    })();
  });
  return [form];
}
