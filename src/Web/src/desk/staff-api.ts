/**
 * Calls to /api/staff/* with the agent's bearer token and no cookies, so a customer session never reaches the desk.
 * A refused token (401, or 403 for a caller without a staff role) sends the agent to /desk/sign-in with the reason.
 */
import { ApiError, request, type RequestOptions } from '../api';
import { navigate } from '../router';
import { accessToken, forgetToken } from './session';

export interface StaffRequestOptions extends RequestOptions {
  /** `false`: a 403 is this call's own answer (an admin-only list), not a reason to sign in again. */
  signInOnForbidden?: boolean;
}

export const staffApi = {
  get: <T>(path: string, options?: StaffRequestOptions) => staffRequest<T>('GET', path, options),
  post: <T>(path: string, options?: StaffRequestOptions) => staffRequest<T>('POST', path, options),
  patch: <T>(path: string, options?: StaffRequestOptions) => staffRequest<T>('PATCH', path, options),
  put: <T>(path: string, options?: StaffRequestOptions) => staffRequest<T>('PUT', path, options),
  delete: <T>(path: string, options?: StaffRequestOptions) => staffRequest<T>('DELETE', path, options),
};

export async function staffRequest<T>(method: string, path: string, options: StaffRequestOptions = {}): Promise<T> {
  const { signInOnForbidden = true, ...rest } = options;
  const token = await accessToken();
  if (!token) {
    toSignIn('signed_out');
    throw new ApiError(401, 'unauthenticated', 'Sign in to the desk');
  }
  try {
    return await request<T>(method, path, { ...rest, credentials: 'omit', headers: { ...rest.headers, Authorization: `Bearer ${token}` } });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetToken();
      toSignIn('expired');
    } else if (error instanceof ApiError && error.status === 403 && signInOnForbidden) {
      toSignIn('forbidden');
    }
    throw error;
  }
}

/** Whether `path` may be where sign-in returns to: a desk page of this site, nothing else. */
export function safeNext(path: string | null | undefined): string {
  return path && /^\/desk(\/|\?|$)/.test(path) && !path.startsWith('/desk/sign-in') ? path : '/desk';
}

export function signInPath(reason: string | undefined, next: string): string {
  const query = new URLSearchParams();
  if (reason) query.set('reason', reason);
  query.set('next', safeNext(next));
  return `/desk/sign-in?${query.toString()}`;
}

function toSignIn(reason: string): void {
  if (location.pathname === '/desk/sign-in') return;
  navigate(signInPath(reason, location.pathname + location.search), { replace: true });
}
