/** Fetch wrapper for the back end under /api: JSON in and out, cookies included, problem+json errors as ApiError. */
import { csrfToken } from './session';

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** `omit` sends no cookies (and so no CSRF token): the staff desk authenticates with its bearer token only. */
  credentials?: RequestCredentials;
}

/** A failed call. `status` is 0 when the server was never reached. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: Readonly<Record<string, readonly string[]>> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, options?: RequestOptions) => request<T>('POST', path, options),
  put: <T>(path: string, options?: RequestOptions) => request<T>('PUT', path, options),
  patch: <T>(path: string, options?: RequestOptions) => request<T>('PATCH', path, options),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const credentials = options.credentials ?? 'include';
  const init: RequestInit = { method, headers, credentials };
  const csrf = method === 'GET' || method === 'HEAD' || credentials === 'omit' ? undefined : csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), init);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', 'The server could not be reached');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const body = await readJson(response);
  if (body === undefined) throw new ApiError(response.status, 'invalid_response', 'The server sent no JSON');
  return body as T;
}

export function apiUrl(path: string, query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) search.set(name, String(value));
  }
  const queryString = search.toString();
  return `/api${path.startsWith('/') ? path : `/${path}`}${queryString ? `?${queryString}` : ''}`;
}

/** Reads an error response; anything that is not problem+json still yields a usable ApiError. */
export async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const problem = isRecord(body) ? body : {};
  return new ApiError(
    typeof problem['status'] === 'number' ? problem['status'] : response.status,
    stringOr(problem['code'], `http_${response.status}`),
    stringOr(problem['title'], response.statusText || `HTTP ${response.status}`),
    typeof problem['detail'] === 'string' ? problem['detail'] : undefined,
    validationErrors(problem['errors']),
  );
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!/^application\/(problem\+)?json\b/i.test(type)) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function validationErrors(value: unknown): Record<string, string[]> {
  if (!isRecord(value)) return {};
  const errors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) errors[field] = messages.filter((m): m is string => typeof m === 'string');
    else if (typeof messages === 'string') errors[field] = [messages];
  }
  return errors;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
