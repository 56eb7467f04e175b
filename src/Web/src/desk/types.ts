/** The staff API's shapes (API.md "Staff desk"), as far as the desk reads them. */
import type { AttachmentInfo, Author, Priority, TicketStatus } from '../pages/ticket-common';

export type { Priority, TicketStatus };

export interface Person {
  id: string;
  name: string;
}

export interface QueueItem {
  id: number;
  subject: string;
  customer: { id: string; name: string; email: string };
  department: string;
  type: string;
  status: TicketStatus;
  priority: Priority;
  assignee?: Person | null;
  certificate?: { serial: string; productName?: string } | null;
  createdAt: string;
  updatedAt: string;
  waitingSince: string;
  lastReplier: Author;
  firstResponseDueAt?: string | null;
  firstRespondedAt?: string | null;
  autoCloseAt?: string | null;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  counts?: { byStatus?: Partial<Record<TicketStatus, number>> };
}

export interface StaffMessage {
  id: number;
  author: Author;
  body: string;
  createdAt: string;
  attachments: AttachmentInfo[];
  event?: string | null;
  internal?: boolean | null;
}

export interface AuditEntry {
  at: string;
  actor: { kind: string; id?: string | null; name?: string | null };
  field: string;
  from?: string | null;
  to?: string | null;
}

export interface CustomerCertificate {
  serial: string;
  productName?: string;
  plan?: string;
  state?: string;
  validTo?: string;
}

export interface StaffTicket {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  department: string;
  type: string;
  certificate?: { id?: string; serial: string; productName?: string } | null;
  osVersion?: string | null;
  productVersions?: string | null;
  createdAt: string;
  updatedAt: string;
  lastReplier: Author;
  autoCloseAt?: string | null;
  closedReason?: string | null;
  messages: StaffMessage[];
  customer?: {
    id: string;
    name: string;
    email: string;
    company?: string | null;
    phone?: string | null;
    certificates?: CustomerCertificate[];
    openTickets?: { id: number; subject: string; status: TicketStatus; priority: Priority }[];
  } | null;
  assignee?: Person | null;
  audit?: AuditEntry[] | null;
  firstResponseDueAt?: string | null;
  firstRespondedAt?: string | null;
  etag: string;
  version?: number;
  followUpOf?: number | null;
  followUps?: number[] | null;
}

export interface Department {
  id: string;
  name: string;
  names?: { ru: string; en: string };
}

export interface Agent {
  id: string;
  name: string;
  email: string;
}

export interface SavedReply {
  id: string;
  title: string;
  body: string;
  language: string;
  departmentId?: string | null;
}

export type MessageKind = 'reply' | 'note' | 'info_request' | 'solution';
