/** The queue's filters as the address keeps them (`/desk?status=open&priority=high`) and as the API takes them. */
import type { Priority, TicketStatus } from './types';

export const statuses: readonly TicketStatus[] = ['open', 'in_progress', 'awaiting_customer', 'resolved', 'closed'];
/** What the queue shows with no status chosen: every status but resolved and closed (the API's default too). */
export const defaultStatuses: readonly TicketStatus[] = ['open', 'in_progress', 'awaiting_customer'];
export const priorities: readonly Priority[] = ['critical', 'high', 'normal', 'low', 'minimal'];

export interface QueueFilters {
  department: string;
  statuses: readonly TicketStatus[];
  priority: Priority | '';
  /** `''` anyone, `me`, `none` (unassigned) or an agent's id. */
  assignee: string;
  q: string;
}

const idPattern = /^[A-Za-z0-9._:@-]{1,100}$/;
const maxQuery = 200;

/** Reads the filters from an address's query; anything unknown or malformed is left out. */
export function readFilters(query: URLSearchParams): QueueFilters {
  const chosen = statuses.filter((status) => query.getAll('status').includes(status));
  const priority = query.get('priority') ?? '';
  const department = query.get('department') ?? '';
  const assignee = query.get('assignee') ?? '';
  return {
    department: idPattern.test(department) ? department : '',
    statuses: chosen.length > 0 ? chosen : defaultStatuses,
    priority: (priorities as readonly string[]).includes(priority) ? (priority as Priority) : '',
    assignee: idPattern.test(assignee) ? assignee : '',
    q: (query.get('q') ?? '').trim().slice(0, maxQuery),
  };
}

/** The address's query for `filters`: only what differs from the defaults, in a fixed order. */
export function filtersQuery(filters: QueueFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.department) query.set('department', filters.department);
  if (!sameStatuses(filters.statuses, defaultStatuses)) {
    for (const status of statuses) if (filters.statuses.includes(status)) query.append('status', status);
  }
  if (filters.priority) query.set('priority', filters.priority);
  if (filters.assignee) query.set('assignee', filters.assignee);
  if (filters.q.trim()) query.set('q', filters.q.trim());
  return query;
}

/** `/desk` with the filters, for links and history. */
export function queueHref(filters: QueueFilters): string {
  const query = filtersQuery(filters).toString();
  return query ? `/desk?${query}` : '/desk';
}

/** The API's query: every chosen status spelled out (status repeats), a page size and where the page starts. */
export function apiQuery(filters: QueueFilters, cursor: string | null, limit: number): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.department) query.set('department', filters.department);
  for (const status of statuses) if (filters.statuses.includes(status)) query.append('status', status);
  if (filters.priority) query.set('priority', filters.priority);
  if (filters.assignee) query.set('assignee', filters.assignee);
  if (filters.q) query.set('q', filters.q);
  query.set('limit', String(limit));
  if (cursor) query.set('cursor', cursor);
  return query;
}

function sameStatuses(a: readonly TicketStatus[], b: readonly TicketStatus[]): boolean {
  return a.length === b.length && a.every((status) => b.includes(status));
}
