/** The desk's words for statuses (said from support's side), kinds of message and audited fields. */
import { t, type MessageKey } from '../i18n';
import { departmentLabel, priorityLabel, typeLabel } from '../pages/ticket-common';
import type { AuditEntry, Department, MessageKind } from './types';

export const messageKinds: readonly MessageKind[] = ['reply', 'note', 'info_request', 'solution'];
/** The ticket types the API accepts (Ticket.Types). */
export const ticketTypes: readonly string[] = ['question', 'incident', 'problem', 'feature_request'];

export function deskStatusLabel(status: string): string {
  return known(`desk.status.${status}`) ?? status;
}

export function kindLabel(kind: MessageKind): string {
  return t(`desk.kind.${kind}` as MessageKey);
}

/** A department's name in the interface's language, from the catalogue when it is at hand. */
export function departmentName(id: string, departments: readonly Department[], language: 'ru' | 'en'): string {
  const department = departments.find((d) => d.id === id);
  return department?.names?.[language] || department?.name || departmentLabel(id);
}

/** "Anna changed priority from Normal to High". */
export function auditSentence(entry: AuditEntry, departments: readonly Department[], language: 'ru' | 'en'): string {
  const actor = entry.actor.name || t(entry.actor.kind === 'system' ? 'author.system' : 'desk.audit.someone');
  const field = (known(`desk.field.${entry.field}`) ?? entry.field).toLocaleLowerCase(language);
  const value = (raw: string | null | undefined) => (raw ? fieldValue(entry.field, raw, departments, language) : '');
  const from = value(entry.from);
  const to = value(entry.to);
  if (!from) return t('desk.audit.set', { actor, field, to: to || t('desk.audit.nobody') });
  if (!to) return t('desk.audit.cleared', { actor, field, from });
  return t('desk.audit.changed', { actor, field, from, to });
}

export function fieldValue(field: string, value: string, departments: readonly Department[], language: 'ru' | 'en'): string {
  switch (field) {
    case 'status':
      return deskStatusLabel(value);
    case 'priority':
      return priorityLabel(value);
    case 'department':
      return departmentName(value, departments, language);
    case 'type':
      return typeLabel(value);
    default:
      return value;
  }
}

function known(key: string): string | undefined {
  try {
    return t(key as MessageKey);
  } catch {
    return undefined;
  }
}
