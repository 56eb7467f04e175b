/**
 * The composer: reply, internal note, information request or proposed solution, with saved replies and attachments.
 * A message goes with the ETag of the version on screen; if the ticket changed meanwhile (412 ticket_changed) the page
 * shows the newer version and what changed, and the agent sends anyway or edits first.
 */
import { ApiError } from '../api';
import { h } from '../dom';
import { language, t, type MessageKey } from '../i18n';
import { statusMessage } from '../pages/page';
import { maxFileMegabytes, maxFiles, newIdempotencyKey, reason, uploadFiles, type RequestUpload, type UploadGrant } from '../pages/ticket-common';
import type { FieldChange, TicketChanges } from './changes';
import { hasChanges, withPanels } from './changes';
import { staffMe } from './header-tools';
import { fieldValue, kindLabel, messageKinds } from './labels';
import { fillSavedReply, insertAt } from './saved-replies';
import { staffApi } from './staff-api';
import { currentIdentity } from './session';
import type { Desk } from './ticket';
import type { MessageKind, SavedReply, StaffTicket } from './types';

const submitLabels: Record<MessageKind, MessageKey> = {
  reply: 'desk.composer.send.reply',
  note: 'desk.composer.send.note',
  info_request: 'desk.composer.send.info_request',
  solution: 'desk.composer.send.solution',
};

const doneLabels: Record<MessageKind, MessageKey> = {
  reply: 'desk.composer.done.reply',
  note: 'desk.composer.done.note',
  info_request: 'desk.composer.done.info_request',
  solution: 'desk.composer.done.solution',
};

export function composer(desk: Desk): HTMLElement {
  const { signal } = desk.context;
  let kind: MessageKind = 'reply';
  const kinds = messageKinds.map((value) =>
    h(
      'span',
      { class: 'kind-choice' },
      h('input', { type: 'radio', name: 'kind', id: `composer-kind-${value}`, value, checked: value === kind, 'aria-describedby': 'composer-kind-hint' }),
      h('label', { for: `composer-kind-${value}` }, kindLabel(value)),
    ),
  );
  const kindHint = h('p', { class: 'hint', id: 'composer-kind-hint' }, t('desk.composer.hint.reply'));
  const text = h('textarea', { id: 'composer-body', name: 'body', rows: '7', required: true, maxlength: '20000' });
  const saved = h('select', { id: 'composer-saved', disabled: true }, h('option', { value: '' }, t('desk.composer.savedLoading')));
  const insert = h('button', { type: 'button', class: 'button secondary', disabled: true }, t('desk.composer.insert'));
  const files = h('input', { id: 'composer-files', type: 'file', multiple: true, 'aria-describedby': 'composer-files-hint' });
  const submit = h('button', { type: 'submit' }, t(submitLabels[kind]));
  const outcome = statusMessage('');
  const conflict = h('div', { class: 'conflict', hidden: true, tabindex: '-1', role: 'alert', 'aria-labelledby': 'conflict-heading' });

  const form = h(
    'form',
    { class: 'desk-composer kind-reply', novalidate: true, 'aria-labelledby': 'composer-heading' },
    h('h2', { id: 'composer-heading' }, t('desk.composer.title')),
    h('fieldset', { class: 'kinds' }, h('legend', {}, t('desk.composer.kind')), kinds, kindHint),
    h('div', { class: 'field saved-replies' }, h('label', { for: 'composer-saved' }, t('desk.composer.saved')), h('div', { class: 'search-row' }, saved, insert)),
    h('div', { class: 'field' }, h('label', { for: 'composer-body' }, t('desk.composer.body')), text),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'composer-files' }, t('newTicket.attachments')),
      h('p', { class: 'hint', id: 'composer-files-hint' }, t('newTicket.attachmentsHint', { count: maxFiles, size: maxFileMegabytes })),
      files,
    ),
    conflict,
    h('div', { class: 'actions' }, submit),
    outcome,
  );

  form.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.name === 'kind') {
      kind = target.value as MessageKind;
      form.className = `desk-composer kind-${kind}`;
      kindHint.textContent = t(`desk.composer.hint.${kind}` as MessageKey);
      submit.textContent = t(submitLabels[kind]);
    }
  });

  // Saved replies of the ticket's department, in the interface's language first.
  let replies: SavedReply[] = [];
  staffApi
    .get<{ items: SavedReply[] }>('/staff/saved-replies', { query: { department: desk.ticket.department }, signal })
    .then((list) => {
      const lang = language();
      replies = [...list.items].sort((a, b) => Number(b.language === lang) - Number(a.language === lang) || a.title.localeCompare(b.title));
      saved.replaceChildren(
        h('option', { value: '' }, replies.length === 0 ? t('desk.composer.savedNone') : t('desk.composer.savedPick')),
        ...replies.map((reply) => h('option', { value: reply.id, lang: reply.language }, `${reply.title} (${reply.language.toUpperCase()})`)),
      );
      saved.disabled = replies.length === 0;
      insert.disabled = replies.length === 0;
    })
    .catch(() => {
      saved.replaceChildren(h('option', { value: '' }, t('desk.composer.savedFailed')));
    });

  insert.addEventListener('click', () => {
    const reply = replies.find((r) => r.id === saved.value);
    if (!reply) {
      outcome.textContent = t('desk.composer.savedPickFirst');
      saved.focus();
      return;
    }
    void Promise.all([staffMe(signal), currentIdentity()]).then(([me, identity]) => {
      const filled = fillSavedReply(reply.body, {
        customerName: desk.ticket.customer?.name,
        agentName: me?.name || identity?.name,
        ticketId: desk.ticket.id,
      });
      const placed = insertAt(text.value, filled, text.selectionStart, text.selectionEnd);
      text.value = placed.value;
      text.removeAttribute('aria-invalid');
      text.focus();
      text.setSelectionRange(placed.cursor, placed.cursor);
      outcome.textContent = t('desk.composer.inserted', { title: reply.title });
      idempotencyKey = newIdempotencyKey();
    });
  });

  let idempotencyKey = newIdempotencyKey();
  let uploaded: { files: readonly File[]; ids: string[] } | undefined;
  form.addEventListener('input', () => {
    idempotencyKey = newIdempotencyKey();
  });
  files.addEventListener('change', () => {
    uploaded = undefined;
  });

  const requestUpload: RequestUpload = (file, uploadSignal) =>
    staffApi.post<UploadGrant>('/staff/uploads', { body: { ticketId: desk.ticket.id, ...file }, signal: uploadSignal });

  async function attachmentIds(): Promise<string[]> {
    const chosen = Array.from(files.files ?? []);
    if (uploaded && uploaded.files.length === chosen.length && uploaded.files.every((file, i) => file === chosen[i])) return uploaded.ids;
    const ids = await uploadFiles(chosen, (file) => {
      outcome.textContent = t('newTicket.uploading', { name: file.name });
    }, signal, requestUpload);
    uploaded = { files: chosen, ids };
    return ids;
  }

  async function send(anyway: boolean): Promise<void> {
    if (text.value.trim() === '') {
      text.setAttribute('aria-invalid', 'true');
      outcome.textContent = t('desk.composer.empty');
      text.focus();
      return;
    }
    text.removeAttribute('aria-invalid');
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    outcome.textContent = t('form.sending');
    const sentKind = kind;
    try {
      const ids = await attachmentIds();
      const headers: Record<string, string> = { 'Idempotency-Key': idempotencyKey };
      if (!anyway) headers['If-Match'] = desk.ticket.etag;
      const changed = await staffApi.post<StaffTicket>(`/staff/tickets/${desk.ticket.id}/messages`, {
        body: { body: text.value, kind: sentKind, attachmentIds: ids },
        headers,
        signal,
      });
      text.value = '';
      files.value = '';
      uploaded = undefined;
      idempotencyKey = newIdempotencyKey();
      conflict.hidden = true;
      desk.show(withPanels(changed, desk.ticket));
      outcome.textContent = t(doneLabels[sentKind]);
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status === 412) {
        // Nothing was posted: a later "send anyway" is a new attempt with a key of its own.
        idempotencyKey = newIdempotencyKey();
        await showConflict();
        outcome.textContent = '';
        return;
      }
      outcome.textContent = t('desk.composer.failed', { reason: reason(error) });
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  }

  async function showConflict(): Promise<void> {
    let changes: TicketChanges;
    try {
      changes = await desk.reload();
    } catch (error) {
      outcome.textContent = t('desk.composer.failed', { reason: reason(error) });
      return;
    }
    const anyway = h('button', { type: 'button' }, t('desk.conflict.sendAnyway'));
    const edit = h('button', { type: 'button', class: 'button secondary' }, t('desk.conflict.edit'));
    anyway.addEventListener('click', () => void send(true));
    edit.addEventListener('click', () => {
      conflict.hidden = true;
      text.focus();
    });
    const items: Node[] = [
      // A system message marks a status change, which the field list below already says.
      ...changes.messages.filter((message) => message.author.kind !== 'system').map((message) =>
        h('li', {}, t(message.internal ? 'desk.conflict.newNote' : 'desk.conflict.newMessage', { author: message.author.name || message.author.kind }), ' ', h('q', {}, excerpt(message.body))),
      ),
      ...changes.fields.map((change) => h('li', {}, changeText(change, desk))),
    ];
    conflict.replaceChildren(
      h('h3', { id: 'conflict-heading' }, t('desk.conflict.title')),
      hasChanges(changes) ? h('ul', {}, items) : h('p', {}, t('desk.conflict.unknown')),
      h('p', {}, t('desk.conflict.question')),
      h('div', { class: 'actions' }, anyway, edit),
    );
    conflict.hidden = false;
    conflict.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(false);
  });
  return form;
}

function changeText(change: FieldChange, desk: Desk): string {
  const value = (raw: string) => (raw === '' ? t('desk.audit.nobody') : fieldValue(change.field, raw, desk.departments, language()));
  return t('desk.conflict.field', { field: t(`desk.field.${change.field}` as MessageKey), from: value(change.from), to: value(change.to) });
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}
