/** What changed on a ticket between the version an agent opened and the one the server has now. */
import type { StaffMessage, StaffTicket } from './types';

export type WatchedField = 'status' | 'priority' | 'department' | 'assignee' | 'type' | 'subject';

export interface FieldChange {
  field: WatchedField;
  from: string;
  to: string;
}

export interface TicketChanges {
  messages: StaffMessage[];
  fields: FieldChange[];
}

export function ticketChanges(before: StaffTicket, after: StaffTicket): TicketChanges {
  const seen = new Set(before.messages.map((message) => message.id));
  const fields: FieldChange[] = [];
  const compare = (field: WatchedField, read: (ticket: StaffTicket) => string) => {
    const from = read(before);
    const to = read(after);
    if (from !== to) fields.push({ field, from, to });
  };
  compare('status', (ticket) => ticket.status);
  compare('priority', (ticket) => ticket.priority);
  compare('department', (ticket) => ticket.department);
  compare('assignee', (ticket) => ticket.assignee?.name ?? '');
  compare('type', (ticket) => ticket.type);
  compare('subject', (ticket) => ticket.subject);
  return { messages: after.messages.filter((message) => !seen.has(message.id)), fields };
}

export function hasChanges(changes: TicketChanges): boolean {
  return changes.messages.length > 0 || changes.fields.length > 0;
}

/** A changed ticket as the API returns it may leave out the customer panel; keep the one loaded with the page. */
export function withPanels(changed: StaffTicket, shown: StaffTicket): StaffTicket {
  return { ...changed, customer: changed.customer ?? shown.customer ?? null, audit: changed.audit ?? shown.audit ?? null };
}
