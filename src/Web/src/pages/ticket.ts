import { api, apiUrl, ApiError } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { setPageTitle } from '../layout';
import { catalogue, type Catalogue } from '../catalogue';
import { requiredMark } from '../forms';
import { attachmentPicker } from './attachment-picker';
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
  takeSent,
  ticketNumber,
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
    const sent = takeSent(Number(id));
    Promise.all([api.get<Ticket>(`/tickets/${id}`, { signal: context.signal }), catalogue()])
      .then(([ticket, names]) => {
        status.textContent = '';
        show(ticket, { heading, content, context, names }, undefined, sent && acknowledgement(sent));
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
  names: Catalogue;
}

/** "Ticket #57 is sent", the mail that confirms it, its priority and by when support answers first. */
function acknowledgement(ticket: Ticket): HTMLElement {
  return h(
    'section',
    { class: 'notice success', id: 'ticket-sent', 'aria-labelledby': 'ticket-sent-title' },
    h('p', { class: 'notice-title', id: 'ticket-sent-title' }, t('newTicket.sent', { number: ticketNumber(ticket.id) })),
    h('p', {}, t('newTicket.sentMail')),
    h(
      'p',
      {},
      t('newTicket.sentPriority', { priority: priorityLabel(ticket.priority) }),
      ticket.firstResponseDueAt && [' ', t('newTicket.sentFirstResponse', { when: formatDateTime(ticket.firstResponseDueAt) })],
    ),
  );
}

function show(ticket: Ticket, view: View, announcement?: string, banner?: HTMLElement): void {
  const title = t('ticket.heading', { id: String(ticket.id), subject: ticket.subject });
  view.heading.textContent = title;
  setPageTitle(title);
  const outcome = statusMessage(announcement ?? '');
  outcome.id = 'ticket-outcome';
  view.content.replaceChildren(
    h('p', {}, h('a', { href: '/tickets' }, t('ticket.back'))),
    ...(banner ? [banner] : []),
    details(ticket, view.names),
    actions(ticket, view, outcome),
    outcome,
    h('h2', { id: 'thread-heading' }, t('ticket.thread')),
    h('ol', { class: 'thread', 'aria-labelledby': 'thread-heading' }, ticket.messages.map((m) => message(ticket.id, m))),
    ...replyForm(ticket, view, outcome),
  );
}

function details(ticket: Ticket, names: Catalogue): HTMLElement {
  const rows: [string, string | Node][] = [
    [t('ticket.status'), h('span', { class: `badge status-${ticket.status}` }, statusLabel(ticket.status))],
    [t('ticket.priority'), priorityLabel(ticket.priority)],
    [t('ticket.department'), departmentLabel(ticket.department, names)],
    [t('tickets.col.type'), typeLabel(ticket.type)],
    [
      t('ticket.certificate'),
      ticket.certificate ? certificateText(ticket.certificate, names) : t('ticket.noCertificate'),
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

/** The product in the reader's language: the ticket keeps the name it had when it was sent. */
function certificateText(certificate: NonNullable<Ticket['certificate']>, names: Catalogue): string {
  const product = certificate.productName ? (names.product(certificate.productName) ?? certificate.productName) : '';
  return `${product} ${certificate.serial}`.trim();
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
  const body = h('textarea', { id: 'reply-body', name: 'body', rows: '5', required: true, maxlength: '20000', 'aria-describedby': 'reply-body-error' });
  const bodyError = h('p', { class: 'field-error', id: 'reply-body-error', hidden: true }, t('ticket.replyRequired'));
  const files = attachmentPicker({ id: 'reply-files', announce: (text) => (outcome.textContent = text), signal: view.context.signal });
  files.input.setAttribute('aria-describedby', 'reply-files-hint');
  const submit = h('button', { type: 'submit', class: 'button' }, t('ticket.replySubmit'));
  const form = h(
    'form',
    { class: 'reply-form', novalidate: true },
    h('h2', {}, h('label', { for: 'reply-body' }, t('ticket.reply'), requiredMark())),
    body,
    bodyError,
    h('div', { class: 'field' }, h('label', { for: 'reply-files' }, t('newTicket.attachments')), h('p', { class: 'hint', id: 'reply-files-hint' }, t('newTicket.attachmentsHint', { count: maxFiles, size: maxFileMegabytes })), files.element),
    submit,
  );
  let idempotencyKey = newIdempotencyKey();
  form.addEventListener('input', () => {
    idempotencyKey = newIdempotencyKey();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const empty = body.value.trim() === '';
    bodyError.hidden = !empty;
    if (empty) {
      body.setAttribute('aria-invalid', 'true');
      outcome.textContent = t('ticket.replyRequired');
      body.focus();
      return;
    }
    body.removeAttribute('aria-invalid');
    submit.disabled = true;
    files.lock(true);
    form.setAttribute('aria-busy', 'true');
    void (async () => {
      try {
        const attachmentIds = await uploadFiles(files.files(), (file) => {
          outcome.textContent = t('newTicket.uploading', { name: file.name });
        }, view.context.signal, undefined, files.progress);
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
        files.lock(false);
        form.removeAttribute('aria-busy');
      }
    })();
  });
  return [form];
}
