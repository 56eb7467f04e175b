/** Shapes and helpers shared by the ticket pages: labels, dates, error reasons and attachment uploads. */
import { api, ApiError } from '../api';
import type { Catalogue } from '../catalogue';
import { h } from '../dom';
import { language, t, tOr } from '../i18n';

export type TicketStatus = 'open' | 'in_progress' | 'awaiting_customer' | 'resolved' | 'closed';
export type Priority = 'critical' | 'high' | 'normal' | 'low' | 'minimal';
export type AuthorKind = 'customer' | 'staff' | 'system';

export interface Author {
  kind: AuthorKind;
  name: string;
}

export interface TicketSummary {
  id: number;
  subject: string;
  updatedAt: string;
  lastReplier: Author;
  department: string;
  type: string;
  status: TicketStatus;
  priority: Priority;
}

export interface AttachmentInfo {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
}

export interface Message {
  id: number;
  author: Author;
  body: string;
  createdAt: string;
  attachments: AttachmentInfo[];
  event?: string;
}

export interface Ticket extends Omit<TicketSummary, 'lastReplier'> {
  lastReplier: Author;
  createdAt: string;
  certificate?: { id: string; serial: string; productName?: string };
  osVersion?: string;
  productVersions?: string;
  closedReason?: string;
  reopenUntil?: string;
  autoCloseAt?: string;
  firstResponseDueAt?: string;
  followUpOf?: number;
  followUps?: number[];
  etag: string;
  messages: Message[];
}

/** Default limits of the back end (TicketOptions); the server checks them again. */
export const maxFiles = 10;
export const maxFileMegabytes = 25;

export function statusLabel(status: string): string {
  return label(`status.${status}`, status);
}

export function priorityLabel(priority: string): string {
  return label(`priority.${priority}`, priority);
}

/** The department's name: the catalogue's, in the current language; the dictionary's for the general queue. */
export function departmentLabel(department: string, names?: Catalogue): string {
  return names?.department(department) ?? label(`department.${department}`, department);
}

/** "№42" in Russian, "#42" in English. */
export function ticketNumber(id: number): string {
  return t('ticket.number', { id: String(id) });
}

export function typeLabel(type: string): string {
  return label(`type.${type}`, type);
}

export function authorLabel(author: Author): string {
  if (author.kind === 'customer') return t('author.customer');
  if (author.kind === 'system') return t('author.system');
  return author.name ? t('author.staffNamed', { name: author.name }) : t('author.staff');
}

export function eventLabel(event: string): string {
  return label(`ticket.event.${event}`, event);
}

function label(key: string, fallback: string): string {
  return tOr(key, fallback);
}

/** A system entry of a thread (a status change): what happened and when. */
export function systemMessageItem(text: string, createdAt: string): HTMLElement {
  return h('li', { class: 'message system' }, h('p', {}, text, ' ', h('time', { datetime: createdAt }, formatDateTime(createdAt))));
}

export function formatDateTime(value: string): string {
  return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatSize(bytes: number): string {
  const units = language() === 'ru' ? ['Б', 'КБ', 'МБ'] : ['B', 'KB', 'MB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(language(), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** A sentence a person can act on, from an API failure. */
export function reason(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    const known = label(key, '');
    if (known && known !== key) return known;
    return error.detail ?? t('error.generic');
  }
  return t('error.generic');
}

export interface UploadGrant {
  uploadId: string;
  uploadUrl: string;
}

/** What the API needs to hand out a write-only link for one file. */
export interface UploadRequest {
  fileName: string;
  contentType: string;
  size: number;
}

/** Asks for the link a file is uploaded to; the customer's is `POST /api/uploads`, the desk's its own. */
export type RequestUpload = (file: UploadRequest, signal: AbortSignal) => Promise<UploadGrant>;

const customerUpload: RequestUpload = (file, signal) => api.post<UploadGrant>('/uploads', { body: file, signal });

/** Uploads each file straight to Blob Storage with the write-only link the API hands out; returns the upload ids. */
export async function uploadFiles(
  files: readonly File[],
  onFile: (file: File) => void,
  signal: AbortSignal,
  requestUpload: RequestUpload = customerUpload,
  onProgress: (file: File, fraction: number) => void = () => undefined,
): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    onFile(file);
    const grant = await requestUpload({ fileName: file.name, contentType: file.type || 'application/octet-stream', size: file.size }, signal);
    let status: number;
    try {
      status = await putBlob(grant.uploadUrl, file, signal, (fraction) => onProgress(file, fraction));
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ApiError(0, 'upload_failed', 'Upload failed', t('newTicket.uploadFailed', { name: file.name }));
    }
    if (status < 200 || status > 299) throw new ApiError(status, 'upload_failed', 'Upload failed', t('newTicket.uploadFailed', { name: file.name }));
    onProgress(file, 1);
    ids.push(grant.uploadId);
  }
  return ids;
}

/** PUTs one file as a block blob; XMLHttpRequest because fetch cannot report how much of a body has gone. */
function putBlob(url: string, file: File, signal: AbortSignal, onProgress: (fraction: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.setRequestHeader('x-ms-blob-type', 'BlockBlob');
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => resolve(request.status));
    request.addEventListener('error', () => reject(new Error('The upload did not reach the storage.')));
    request.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}

let justSent: Ticket | undefined;

/** The ticket the form has just sent: the ticket page it goes to acknowledges it, once. */
export function rememberSent(ticket: Ticket): void {
  justSent = ticket;
}

export function takeSent(id: number): Ticket | undefined {
  const sent = justSent?.id === id ? justSent : undefined;
  justSent = undefined;
  return sent;
}

/** A new key per attempt to create something; a retry of the same attempt reuses it, so the server creates it once. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** Where a visitor who is not signed in goes, coming back to `path` afterwards. */
export function signInLink(path: string): HTMLElement {
  return h('p', {}, h('a', { class: 'button', href: `/sign-in?next=${encodeURIComponent(path)}` }, t('signIn.title')));
}
