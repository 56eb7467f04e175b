import { api, ApiError } from '../api';
import { h } from '../dom';
import { invalidSummary, requiredMark, requiredNote } from '../forms';
import { formatDate, language, t, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { attachmentPicker } from './attachment-picker';
import { statusMessage, type Page, type PageContext } from './page';
import { ticketSuggestions } from './ticket-suggestions';
import { maxFileMegabytes, maxFiles, newIdempotencyKey, reason, rememberSent, signInLink, uploadFiles, type Ticket } from './ticket-common';

interface Certificate {
  id: string;
  productId: string;
  serial: string;
  productName: string;
  validTo: string;
  state: string;
}

/** "Send a ticket": a certificate valid today or none (minimal priority, general queue), subject, description, versions, files. */
const newTicket: Page = {
  title: 'newTicket.title',
  render: (context) => {
    const heading = h('h1', {}, t('newTicket.title'));
    const page = h('div', { class: 'page new-ticket' }, heading, h('p', { class: 'intro' }, t('newTicket.intro')));
    page.append(form(context, () => answeredWithoutTicket(page, heading)));
    return page;
  },
};

export default newTicket;

interface FormField {
  wrapper: HTMLElement;
  error: HTMLElement;
  label: MessageKey;
}

/** `control` is the element with `id`; `shown` what the field displays, when that is more than the control (the drop zone). */
function field(id: string, label: MessageKey, control: HTMLElement, { hint, shown = control }: { hint?: string; shown?: HTMLElement } = {}): FormField {
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintElement = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  control.id = id;
  control.setAttribute('aria-describedby', [hintElement && `${id}-hint`, `${id}-error`].filter(Boolean).join(' '));
  const required = control.hasAttribute('required');
  return { wrapper: h('div', { class: 'field' }, h('label', { for: id }, t(label), required && requiredMark()), hintElement, shown, error), error, label };
}

/** An article answered the question: the form ends, and no ticket is sent. */
function answeredWithoutTicket(page: HTMLElement, heading: HTMLElement): void {
  const done = h('h2', { tabindex: '-1' }, t('suggest.doneTitle'));
  page.replaceChildren(
    heading,
    h('section', { class: 'notice answered', 'aria-labelledby': 'answered-title' }, done, h('p', {}, t('suggest.doneText')),
      h('p', {}, h('a', { href: '/kb' }, t('kb.title')), ' · ', h('a', { href: '/tickets' }, t('tickets.title')))),
  );
  done.id = 'answered-title';
  done.focus();
}

function form({ signal, query }: PageContext, onAnswered: () => void): HTMLElement {
  // A follow-up of a ticket that can no longer be reopened: /tickets/new?followUpOf=41&subject=…
  const followUpOf = /^[1-9]\d{0,17}$/.test(query.get('followUpOf') ?? '') ? Number(query.get('followUpOf')) : undefined;
  const certificate = h('select', { name: 'certificateId' }, h('option', { value: '' }, t('newTicket.withoutCertificate')));
  const notice = h('p', { class: 'notice', id: 'certificate-notice', role: 'status' }, t('newTicket.withoutCertificateNotice'));
  const subject = h('input', { type: 'text', name: 'subject', required: true, maxlength: '200', autocomplete: 'off', value: followUpOf ? (query.get('subject') ?? '') : '' });
  const description = h('textarea', { name: 'description', required: true, rows: '8', maxlength: '20000' });
  const osVersion = h('input', { type: 'text', name: 'osVersion', maxlength: '500', placeholder: 'Windows 11 23H2' });
  const productVersions = h('input', { type: 'text', name: 'productVersions', maxlength: '500' });
  const status = statusMessage('');
  const files = attachmentPicker({ id: 'ticket-files', announce: (text) => (status.textContent = text), signal });
  const fields = {
    certificateId: field('ticket-certificate', 'newTicket.certificate', certificate),
    subject: field('ticket-subject', 'newTicket.subject', subject),
    description: field('ticket-description', 'newTicket.description', description, { hint: t('newTicket.descriptionHint') }),
    osVersion: field('ticket-os', 'newTicket.osVersion', osVersion),
    productVersions: field('ticket-products', 'newTicket.productVersions', productVersions),
    attachmentIds: field('ticket-files', 'newTicket.attachments', files.input, {
      hint: t('newTicket.attachmentsHint', { count: maxFiles, size: maxFileMegabytes }),
      shown: files.element,
    }),
  };
  const submit = h('button', { type: 'submit', class: 'button' }, t('newTicket.submit'));
  const certificates = h('div', { 'aria-busy': 'true' }, fields.certificateId.wrapper, notice);
  const element = h(
    'form',
    { class: 'ticket-form', novalidate: true },
    followUpOf !== undefined && h('p', { class: 'notice', id: 'follow-up' }, t('newTicket.followUp', { id: followUpOf })),
    requiredNote(),
    certificates,
    Object.values(fields).slice(1).map((f) => f.wrapper),
    submit,
    status,
  );

  const productOf = new Map<string, string>();
  const suggestions = ticketSuggestions({
    subject,
    description,
    productId: () => productOf.get(certificate.value),
    onAnswered,
    signal,
  });
  const showNotice = () => {
    notice.hidden = certificate.value !== '';
  };
  certificate.addEventListener('change', showNotice);
  certificate.addEventListener('change', suggestions.refresh);

  api
    .get<{ items: Certificate[] }>('/me/certificates', { query: { lang: language() }, signal })
    .then(({ items }) => {
      const valid = items.filter((c) => c.state === 'active');
      for (const c of valid) productOf.set(c.id, c.productId);
      certificate.append(
        ...valid.map((c) =>
          h('option', { value: c.id }, t('newTicket.certificateOption', { product: c.productName, serial: c.serial, validTo: formatDate(c.validTo) })),
        ),
      );
      if (valid.length > 0) certificate.value = valid[0]!.id;
      else certificates.append(h('p', { class: 'hint' }, t('newTicket.noCertificates'), ' ', h('a', { href: '/certificates' }, t('certificates.title'))));
    })
    .catch((error: unknown) => {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) {
        // Not signed in: say so instead of offering a form that cannot be sent.
        element.replaceChildren(statusMessage(t('tickets.signIn')), signInLink('/tickets/new'));
        return;
      }
      certificates.append(h('p', { class: 'hint' }, t('newTicket.certificatesUnavailable')));
    })
    .finally(() => {
      showNotice();
      certificates.removeAttribute('aria-busy');
    });

  // One key per filled-in form: a retry after a lost answer does not send the ticket twice.
  let idempotencyKey = newIdempotencyKey();
  element.addEventListener('input', () => {
    idempotencyKey = newIdempotencyKey();
  });

  element.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });

  const clearErrors = () => {
    for (const f of Object.values(fields)) {
      f.error.hidden = true;
      f.error.textContent = '';
      f.wrapper.querySelector('input,textarea,select')?.removeAttribute('aria-invalid');
    }
  };

  const send = async () => {
    clearErrors();
    const required = [
      { name: 'subject', control: subject, message: t('newTicket.subjectRequired') },
      { name: 'description', control: description, message: t('newTicket.descriptionRequired') },
    ] as const;
    const missing = required.filter(({ control }) => control.value.trim() === '');
    if (missing.length > 0) {
      for (const { name, message } of missing) showError(fields[name], message);
      status.textContent = invalidSummary(missing.map(({ name }) => t(fields[name].label)));
      missing[0]!.control.focus();
      return;
    }
    submit.disabled = true;
    files.lock(true);
    element.setAttribute('aria-busy', 'true');
    try {
      const attachmentIds = await uploadFiles(files.files(), (file) => {
        status.textContent = t('newTicket.uploading', { name: file.name });
      }, signal, undefined, files.progress);
      status.textContent = t('newTicket.sending');
      const ticket = await api.post<Ticket>('/tickets', {
        body: {
          certificateId: certificate.value || undefined,
          subject: subject.value,
          description: description.value,
          osVersion: osVersion.value || undefined,
          productVersions: productVersions.value || undefined,
          attachmentIds,
          followUpOf,
        },
        headers: { 'Idempotency-Key': idempotencyKey },
        signal,
      });
      rememberSent(ticket);
      navigate(`/tickets/${ticket.id}`);
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError) {
        for (const [name, messages] of Object.entries(error.errors)) {
          const target = fields[name as keyof typeof fields];
          if (target) showError(target, messages.join(' '));
        }
        if (error.code === 'certificate_not_found' || error.code.startsWith('certificate_')) showError(fields.certificateId, reason(error));
        if (error.code.startsWith('attachment_') || error.code.startsWith('upload')) showError(fields.attachmentIds, reason(error));
      }
      status.textContent = t('newTicket.failed', { reason: reason(error) });
      if (error instanceof ApiError && error.status === 401 && !element.querySelector('a[href^="/sign-in"]')) element.append(signInLink('/tickets/new'));
    } finally {
      submit.disabled = false;
      files.lock(false);
      element.removeAttribute('aria-busy');
    }
  };

  return h('div', { class: 'ticket-form-layout' }, element, suggestions.element);
}

function showError(target: FormField, message: string): void {
  target.error.textContent = message;
  target.error.hidden = false;
  target.wrapper.querySelector('input,textarea,select')?.setAttribute('aria-invalid', 'true');
}
