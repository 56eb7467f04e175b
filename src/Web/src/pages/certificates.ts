import './certificates.css';
import { api, ApiError } from '../api';
import { h } from '../dom';
import { formatDate, language, t, tOr, type MessageKey } from '../i18n';
import { requiredMark } from '../forms';
import { checkSerial, formatSerial, normalizeSerial, type SerialCheck } from '../serial';
import { statusMessage, type Page, type PageContext } from './page';

type State = 'active' | 'expired' | 'revoked' | 'not_yet_valid';

interface Preview {
  serial: string;
  productName: string;
  plan: string;
  priority: string;
  validFrom: string;
  validTo: string;
  state: State;
  daysLeft: number;
}

interface MyCertificate extends Preview {
  id: string;
}

const page: Page = {
  title: 'certificates.title',
  render(context) {
    const list = h('section', { class: 'certificates', 'aria-labelledby': 'certificates-list' });
    const refresh = () => loadList(list, context);
    refresh();
    return h(
      'div',
      { class: 'page' },
      h('h1', {}, t('certificates.title')),
      h('p', { class: 'intro' }, t('certificates.intro')),
      list,
      wizard(context, refresh),
    );
  },
};
export default page;

function loadList(region: HTMLElement, { signal }: PageContext): void {
  const status = statusMessage(t('certificates.loading'));
  region.replaceChildren(h('h2', { id: 'certificates-list' }, t('certificates.listTitle')), status);
  region.setAttribute('aria-busy', 'true');
  api
    .get<{ items: MyCertificate[] }>('/me/certificates', { query: { lang: language() }, signal })
    .then(({ items }) => {
      if (!items.length) {
        status.textContent = t('certificates.empty');
        return;
      }
      status.textContent = t('certificates.count', { count: items.length });
      region.append(table(items));
    })
    .catch((error: unknown) => {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) {
        status.replaceChildren(t('certificates.signInFirst'), ' ', h('a', { href: '/sign-in' }, t('certificates.signIn')));
      } else {
        status.textContent = t('certificates.unavailable');
      }
    })
    .finally(() => region.removeAttribute('aria-busy'));
}

function table(items: readonly MyCertificate[]): HTMLTableElement {
  const header = (key: MessageKey) => h('th', { scope: 'col' }, t(key));
  return h(
    'table',
    { class: 'data-table' },
    h('caption', { class: 'visually-hidden' }, t('certificates.listTitle')),
    h(
      'thead',
      {},
      h('tr', {}, header('certificates.product'), header('certificates.serial'), header('certificates.plan'), header('certificates.validity'), header('certificates.state')),
    ),
    h(
      'tbody',
      {},
      items.map((item) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, item.productName),
          h('td', {}, h('span', { class: 'serial' }, item.serial)),
          h('td', {}, planText(item.plan, item.priority)),
          h('td', {}, t('certificates.validRange', { from: formatDate(item.validFrom), to: formatDate(item.validTo) })),
          h('td', {}, stateBadge(item.state, item.daysLeft)),
        ),
      ),
    ),
  );
}

/** A plan's name in the customer's language (a plan the dictionary does not know keeps the catalogue's word). */
export function planName(plan: string): string {
  return tOr(`plan.${plan}`, plan);
}

function planText(plan: string, priority: string): string {
  return t('certificates.planWithPriority', { plan: planName(plan), priority: tOr(`certificates.priority.${priority}`, priority) });
}

/** How many days before the end a certificate counts as running out: the customer has a month to renew. */
const expiresSoonDays = 30;

/** The state; a certificate in its last month says so and what to do about it. */
function stateBadge(state: State, daysLeft: number): HTMLElement {
  const label = t(`certificates.state.${state}`);
  if (state === 'active' && daysLeft <= expiresSoonDays) {
    return h(
      'span',
      { class: 'certificate-state' },
      h('span', { class: 'badge badge-expiring' }, t('certificates.expiresSoon', { days: daysLeft })),
      h('span', { class: 'cell-note' }, t('certificates.renewHint')),
    );
  }
  const text = state === 'active' ? t('certificates.daysLeft', { state: label, days: daysLeft }) : label;
  return h('span', { class: `badge badge-${state.replace(/_/g, '-')}` }, text);
}

/** Register a certificate in two steps: serial and code, then what they prove, then register. */
function wizard(context: PageContext, onRegistered: () => void): HTMLElement {
  const section = h('section', { class: 'wizard', 'aria-labelledby': 'register-title' });
  const stepOne = (serial = '', code = '') => section.replaceChildren(...enterStep(serial, code));
  const outcome = statusMessage('');
  outcome.setAttribute('role', 'alert');

  function enterStep(serialValue: string, codeValue: string): Node[] {
    const serialHint = h('p', { id: 'serial-hint', class: 'hint' }, t('certificates.serialHint'));
    const serialCheck = h('p', { id: 'serial-check', class: 'field-check', 'aria-live': 'polite' });
    const serial = h('input', {
      id: 'serial',
      name: 'serial',
      autocomplete: 'off',
      spellcheck: 'false',
      autocapitalize: 'characters',
      required: true,
      'aria-describedby': 'serial-hint serial-check',
      maxlength: '20',
    });
    serial.value = serialValue;
    const code = h('input', { id: 'activation-code', name: 'activationCode', autocomplete: 'off', spellcheck: 'false', maxlength: '40', required: true });
    code.value = codeValue;
    const showCheck = () => {
      const check = checkSerial(serial.value);
      serialCheck.textContent = check === 'empty' ? '' : t(serialCheckKey(check));
      serialCheck.className = `field-check field-check-${check}`;
      serial.setAttribute('aria-invalid', String(check === 'typo' || check === 'invalid'));
    };
    serial.addEventListener('input', showCheck);
    if (serialValue) showCheck();
    outcome.textContent = '';

    const form = h(
      'form',
      { class: 'form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'serial' }, t('certificates.serial'), requiredMark()), serialHint, serial, serialCheck),
      h('div', { class: 'field' }, h('label', { for: 'activation-code' }, t('certificates.activationCode'), requiredMark()), code),
      h('button', { type: 'submit', class: 'button' }, t('certificates.continue')),
      outcome,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const check = checkSerial(serial.value);
      if (check !== 'ok') {
        outcome.textContent = t(check === 'empty' ? 'certificates.error.serialRequired' : serialCheckKey(check));
        serial.focus();
        return;
      }
      if (!code.value.trim()) {
        outcome.textContent = t('certificates.error.codeRequired');
        code.focus();
        return;
      }
      const request = { serial: formatSerial(normalizeSerial(serial.value) ?? ''), activationCode: code.value.trim() };
      submit(form, outcome, () =>
        api.post<Preview>('/me/certificates/preview', { body: request, query: { lang: language() }, signal: context.signal }).then((preview) => {
          section.replaceChildren(...previewStep(preview, request));
          section.querySelector<HTMLElement>('h3')?.focus();
        }),
      );
    });
    return [h('h2', { id: 'register-title' }, t('certificates.registerTitle')), h('p', { class: 'step' }, t('certificates.step', { step: 1, of: 2 })), form];
  }

  function previewStep(preview: Preview, request: { serial: string; activationCode: string }): Node[] {
    const register = h('button', { type: 'button', class: 'button' }, t('certificates.register'));
    const back = h('button', { type: 'button', class: 'button button-secondary' }, t('certificates.back'));
    const row = (key: MessageKey, value: string | Node) => [h('dt', {}, t(key)), h('dd', {}, value)];
    outcome.textContent = '';
    back.addEventListener('click', () => stepOne(request.serial, request.activationCode));
    register.addEventListener('click', () =>
      submit(register, outcome, () =>
        api.post<MyCertificate>('/me/certificates', { body: request, query: { lang: language() }, signal: context.signal }).then((registered) => {
          section.replaceChildren(...doneStep(registered));
          onRegistered();
        }),
      ),
    );
    return [
      h('h2', { id: 'register-title' }, t('certificates.registerTitle')),
      h('p', { class: 'step' }, t('certificates.step', { step: 2, of: 2 })),
      h('h3', { tabindex: '-1' }, t('certificates.previewTitle')),
      h(
        'dl',
        { class: 'details' },
        row('certificates.product', preview.productName),
        row('certificates.serial', preview.serial),
        row('certificates.plan', planText(preview.plan, preview.priority)),
        row('certificates.validity', t('certificates.validRange', { from: formatDate(preview.validFrom), to: formatDate(preview.validTo) })),
        row('certificates.state', stateBadge(preview.state, preview.daysLeft)),
      ),
      h('div', { class: 'actions' }, register, back),
      outcome,
    ];
  }

  function doneStep(registered: MyCertificate): Node[] {
    const again = h('button', { type: 'button', class: 'button' }, t('certificates.registerAnother'));
    again.addEventListener('click', () => stepOne());
    const done = statusMessage(t('certificates.registered', { product: registered.productName, serial: registered.serial }));
    return [h('h2', { id: 'register-title' }, t('certificates.registerTitle')), done, again];
  }

  stepOne();
  return section;
}

/** Runs a call with its control disabled and turns a refusal into a message the customer can act on. */
function submit(control: HTMLElement, outcome: HTMLElement, call: () => Promise<void>): void {
  const button = control instanceof HTMLButtonElement ? control : control.querySelector('button');
  button?.setAttribute('disabled', '');
  outcome.textContent = t('certificates.checking');
  call()
    .then(() => {
      outcome.textContent = '';
    })
    .catch((error: unknown) => {
      outcome.textContent = errorText(error);
    })
    .finally(() => button?.removeAttribute('disabled'));
}

function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('certificates.error.unavailable');
  switch (error.code) {
    case 'certificate_invalid':
      return t('certificates.error.invalid');
    case 'certificate_expired':
      return t('certificates.error.expired');
    case 'certificate_revoked':
      return t('certificates.error.revoked');
    case 'certificate_not_yet_valid':
      return t('certificates.error.notYetValid');
    case 'certificate_already_registered':
      return t('certificates.error.alreadyRegistered');
    case 'too_many_requests':
      return t('certificates.error.throttled');
    case 'validation_failed':
      return t('certificates.error.typo');
    default:
      return error.status === 401 ? t('certificates.signInFirst') : t('certificates.error.unavailable');
  }
}

function serialCheckKey(check: Exclude<SerialCheck, 'empty'>): MessageKey {
  return `certificates.serialCheck.${check}`;
}
