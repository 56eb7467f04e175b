// Stubbed staff API answers for the desk's browser tests: a queue, one ticket at work and what goes with them.
const at = (minutesAgo) => new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
const inMinutes = (minutes) => at(-minutes);

export const agent = { id: 'local-agent@example.com', name: 'Anna Agent', email: 'agent@example.com' };

/** What the desk keeps after a local sign-in, put in place before the page loads. */
export async function signedInAsAgent(context, roles = ['Support.Agent']) {
  await context.addInitScript((session) => {
    sessionStorage.setItem('sf.desk.session', JSON.stringify(session));
  }, { accessToken: 'stub-token', name: agent.name, email: agent.email, roles });
}

export const queueItem = (id, priority, status, extra = {}) => ({
  id,
  subject: `Ticket ${id} (${priority})`,
  customer: { id: `c${id}`, name: 'Ivan Petrov', email: 'ivan@example.com' },
  department: 'general',
  type: 'question',
  status,
  priority,
  assignee: null,
  certificate: null,
  createdAt: at(300),
  updatedAt: at(30),
  waitingSince: at(125),
  lastReplier: { kind: 'customer', name: 'Ivan Petrov' },
  firstResponseDueAt: null,
  firstRespondedAt: null,
  autoCloseAt: null,
  ...extra,
});

export const queue = (items, nextCursor = null) => ({
  items,
  nextCursor,
  counts: { byStatus: { open: 12, in_progress: 3, awaiting_customer: 4, resolved: 20, closed: 41 } },
});

export const departments = {
  items: [
    { id: 'general', name: 'Общая очередь', names: { ru: 'Общая очередь', en: 'General queue' } },
    { id: 'crypto', name: 'Криптография', names: { ru: 'Криптография', en: 'Cryptography' } },
  ],
};

export const agents = { items: [agent, { id: 'boris', name: 'Boris Staff', email: 'boris@example.com' }] };

export const savedReplies = {
  items: [
    { id: 'ask-logs', title: 'Ask for logs', body: 'Hello {{customerName}},\nplease send the logs of ticket {{ticketId}}.\n{{agentName}}', language: 'en', departmentId: '*' },
    { id: 'ask-logs', title: 'Запросить журналы', body: 'Здравствуйте, {{customerName}}!\nПришлите журналы.\n{{agentName}}', language: 'ru', departmentId: '*' },
  ],
};

export const me = { id: agent.id, name: agent.name, email: agent.email, roles: ['Support.Agent'], notifyOnCustomerReply: true };

const message = (id, kind, name, body, extra = {}) => ({ id, author: { kind, name }, body, createdAt: at(100 - id), attachments: [], internal: false, ...extra });

export const staffTicket = (extra = {}) => ({
  id: 42,
  subject: 'Signatures fail after the CSP update',
  status: 'open',
  priority: 'critical',
  department: 'crypto',
  type: 'incident',
  certificate: { id: 'cert1', serial: '7K2M-9QX4-TD8M', productName: 'CryptoGuard CSP' },
  osVersion: 'Windows 11 23H2',
  productVersions: 'CSP 5.2.2',
  createdAt: at(180),
  updatedAt: at(20),
  lastReplier: { kind: 'customer', name: 'Ivan Petrov' },
  autoCloseAt: null,
  closedReason: null,
  messages: [
    message(1, 'customer', 'Ivan Petrov', 'Every signature fails with 0x8009001D.\n<b>not bold</b>', {
      attachments: [{ id: 'a'.repeat(32), fileName: 'error.png', size: 20480, contentType: 'image/png' }],
    }),
    message(2, 'staff', 'Boris Staff', 'Checked the CRL: fine. Looks like the key container.', { internal: true }),
  ],
  customer: {
    id: 'c42',
    name: 'Ivan Petrov',
    email: 'ivan@example.com',
    company: 'Romashka LLC',
    phone: '+7 495 123-45-67',
    certificates: [{ serial: '7K2M-9QX4-TD8M', productId: 'csp', productName: 'CryptoGuard CSP', plan: 'premium', state: 'active', validTo: '2027-06-30T00:00:00Z' }],
    openTickets: [
      { id: 42, subject: 'Signatures fail after the CSP update', status: 'open', priority: 'critical', updatedAt: at(20) },
      { id: 17, subject: 'Licence transfer', status: 'awaiting_customer', priority: 'normal', updatedAt: at(2000) },
    ],
  },
  assignee: null,
  audit: [
    { at: at(90), actor: { kind: 'staff', id: 'boris', name: 'Boris Staff' }, field: 'priority', from: 'high', to: 'critical' },
    { at: at(80), actor: { kind: 'staff', id: 'boris', name: 'Boris Staff' }, field: 'department', from: 'general', to: 'crypto' },
  ],
  firstResponseDueAt: inMinutes(80),
  firstRespondedAt: null,
  etag: 'W/"7"',
  version: 7,
  ...extra,
});

export { at, inMinutes, message };
