import { ApiError } from './api';
import { h } from './dom';
import { t, type MessageKey } from './i18n';
import { statusMessage } from './pages/page';

export interface Field {
  name: string;
  label: MessageKey;
  type?: 'text' | 'email' | 'password' | 'tel' | 'checkbox' | 'select';
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  hint?: MessageKey;
  value?: string | boolean;
  options?: readonly { value: string; label: string }[];
}

export type Values = Record<string, string | boolean>;

export interface FormOptions {
  id: string;
  fields: readonly Field[];
  submit: MessageKey;
  /** The submit button of something that cannot be undone (deleting the account) looks like it. */
  destructive?: boolean;
  /** Returns the success message to announce, or nothing when it navigates away. */
  onSubmit: (values: Values) => Promise<string | void>;
}

const errorMessages: Partial<Record<string, MessageKey>> = {
  invalid_credentials: 'errors.invalidCredentials',
  too_many_requests: 'errors.tooManyRequests',
  token_invalid: 'errors.tokenInvalid',
  wrong_password: 'errors.wrongPassword',
  email_taken: 'errors.emailTaken',
  validation_failed: 'errors.validation',
  unauthenticated: 'errors.unauthenticated',
  session_invalid: 'errors.unauthenticated',
  csrf_failed: 'errors.csrf',
  network_error: 'errors.network',
  stale_version: 'errors.stale',
};

/** Explains a failed call in the visitor's language, with what they can do about it. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  const key = errorMessages[error.code];
  return key ? t(key) : t('errors.unexpected');
}

/** The asterisk after a required field's label; the input's `required` tells assistive technology. */
export function requiredMark(): HTMLElement {
  return h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *');
}

/** "Fields marked with an asterisk (*) are required." above a form that has such fields. */
export function requiredNote(): HTMLElement {
  return h('p', { class: 'hint required-note' }, t('form.requiredNote'));
}

/** What an empty or wrong submit announces: the labels of the fields to fix, not only "check the marked fields". */
export function invalidSummary(labels: readonly string[]): string {
  return t('errors.summary', { fields: labels.join(', ') });
}

/** A labelled form: field errors sit under their inputs (aria-describedby), the outcome in a live region. */
export function form({ id, fields, submit, destructive, onSubmit }: FormOptions): HTMLFormElement {
  const status = statusMessage('');
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const errorSlots = new Map<string, HTMLElement>();

  const rows = fields.map((field) => {
    const inputId = `${id}-${field.name}`;
    const errorId = `${inputId}-error`;
    const hintId = field.hint ? `${inputId}-hint` : undefined;
    const describedBy = [hintId, errorId].filter(Boolean).join(' ');
    let input: HTMLInputElement | HTMLSelectElement;
    if (field.type === 'select') {
      input = h('select', { id: inputId, name: field.name, 'aria-describedby': describedBy },
        (field.options ?? []).map((option) => h('option', { value: option.value, selected: option.value === field.value }, option.label)));
    } else {
      input = h('input', {
        id: inputId,
        name: field.name,
        type: field.type ?? 'text',
        autocomplete: field.autocomplete,
        required: field.required,
        maxlength: field.maxLength?.toString(),
        minlength: field.minLength?.toString(),
        'aria-describedby': describedBy,
      });
      if (field.type === 'checkbox') (input as HTMLInputElement).checked = field.value === true;
      else if (typeof field.value === 'string') input.value = field.value;
    }
    inputs.set(field.name, input);
    const error = h('p', { id: errorId, class: 'field-error' });
    errorSlots.set(field.name, error);
    const label = h('label', { for: inputId }, t(field.label), field.required && field.type !== 'checkbox' && requiredMark());
    return h('div', { class: field.type === 'checkbox' ? 'field field-checkbox' : 'field' },
      field.type === 'checkbox' ? [input, label] : [label, input],
      field.hint && h('p', { id: hintId, class: 'hint' }, t(field.hint)),
      error);
  });

  const button = h('button', { type: 'submit', class: destructive ? 'button danger' : 'button' }, t(submit));
  // The note explains the asterisk where it tells fields apart; a form of required fields only needs none.
  const isRequired = (field: Field) => Boolean(field.required) && field.type !== 'checkbox';
  const mixed = fields.some(isRequired) && !fields.every(isRequired);
  const element = h('form', { id, class: 'form', novalidate: true }, mixed && requiredNote(), rows, button, status);
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });

  async function send(): Promise<void> {
    for (const [name, slot] of errorSlots) {
      slot.textContent = '';
      inputs.get(name)?.removeAttribute('aria-invalid');
    }
    const values: Values = {};
    let firstInvalid: HTMLElement | undefined;
    const invalidLabels: string[] = [];
    for (const field of fields) {
      const input = inputs.get(field.name)!;
      values[field.name] = field.type === 'checkbox' ? (input as HTMLInputElement).checked : input.value;
      const missing = field.required && field.type !== 'checkbox' && input.value.trim() === '';
      const tooShort = field.minLength && input.value.length > 0 && input.value.length < field.minLength;
      if (missing || tooShort) {
        markInvalid(field.name, t(missing ? 'errors.required' : 'errors.tooShort', { min: field.minLength ?? 0 }));
        invalidLabels.push(t(field.label));
        firstInvalid ??= input;
      }
    }
    if (firstInvalid) {
      status.textContent = invalidSummary(invalidLabels);
      firstInvalid.focus();
      return;
    }
    button.disabled = true;
    element.setAttribute('aria-busy', 'true');
    status.textContent = t('form.sending');
    try {
      const outcome = await onSubmit(values);
      status.textContent = outcome ?? '';
    } catch (error) {
      status.textContent = describeError(error);
      if (error instanceof ApiError) {
        for (const [name, messages] of Object.entries(error.errors)) {
          if (errorSlots.has(name)) markInvalid(name, messages.join(' '));
        }
      }
    } finally {
      button.disabled = false;
      element.removeAttribute('aria-busy');
    }
  }

  function markInvalid(name: string, message: string): void {
    errorSlots.get(name)!.textContent = message;
    inputs.get(name)?.setAttribute('aria-invalid', 'true');
  }

  return element;
}
