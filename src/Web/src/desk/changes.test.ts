import { describe, expect, it } from 'vitest';
import { hasChanges, ticketChanges, withPanels } from './changes';
import type { StaffTicket } from './types';

const ticket = (changes: Partial<StaffTicket> = {}): StaffTicket => ({
  id: 7,
  subject: 'VPN drops',
  status: 'open',
  priority: 'normal',
  department: 'general',
  type: 'question',
  createdAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z',
  lastReplier: { kind: 'customer', name: 'Ivan' },
  messages: [{ id: 1, author: { kind: 'customer', name: 'Ivan' }, body: 'It drops.', createdAt: '2026-12-01T08:00:00Z', attachments: [] }],
  etag: 'W/"1"',
  ...changes,
});

describe('what changed since the agent opened the ticket', () => {
  it('lists the new messages and the fields that moved', () => {
    const before = ticket();
    const reply = { id: 2, author: { kind: 'staff' as const, name: 'Boris' }, body: 'Restart it.', createdAt: '2026-12-01T09:00:00Z', attachments: [] };
    const after = ticket({ status: 'awaiting_customer', assignee: { id: 's2', name: 'Boris' }, messages: [...before.messages, reply], etag: 'W/"2"' });
    const changes = ticketChanges(before, after);
    expect(changes.messages).toEqual([reply]);
    expect(changes.fields).toEqual([
      { field: 'status', from: 'open', to: 'awaiting_customer' },
      { field: 'assignee', from: '', to: 'Boris' },
    ]);
    expect(hasChanges(changes)).toBe(true);
  });

  it('is nothing when only the ETag moved', () => {
    expect(hasChanges(ticketChanges(ticket(), ticket({ etag: 'W/"9"' })))).toBe(false);
  });

  it('keeps the customer panel and audit the page has when a changed ticket comes without them', () => {
    const shown = ticket({ customer: { id: 'c', name: 'Ivan', email: 'i@example.com' }, audit: [] });
    expect(withPanels(ticket({ etag: 'W/"2"' }), shown).customer?.name).toBe('Ivan');
  });
});
