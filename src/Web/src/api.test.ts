import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, apiUrl } from './api';

function respondWith(response: Response) {
  const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api', () => {
  it('sends JSON with credentials to /api and returns the parsed body', async () => {
    const fetchMock = respondWith(json({ id: 7 }, 201));

    await expect(api.post('/tickets', { body: { subject: 'Не работает' } })).resolves.toEqual({ id: 7 });

    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/tickets');
    expect(init).toMatchObject({ method: 'POST', credentials: 'include', body: '{"subject":"Не работает"}' });
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json', Accept: 'application/json' });
  });

  it('builds query strings and leaves out undefined values', () => {
    expect(apiUrl('/kb/search', { q: 'пароль и вход', lang: 'ru', productId: undefined })).toBe(
      '/api/kb/search?q=%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C+%D0%B8+%D0%B2%D1%85%D0%BE%D0%B4&lang=ru',
    );
    expect(apiUrl('health')).toBe('/api/health');
  });

  it('returns undefined for 204 No Content', async () => {
    respondWith(new Response(null, { status: 204 }));
    await expect(api.delete('/session')).resolves.toBeUndefined();
  });

  it('turns problem+json into an ApiError with code and validation errors', async () => {
    respondWith(
      json(
        {
          status: 422,
          code: 'validation_failed',
          title: 'The request is invalid',
          detail: 'Subject is required',
          errors: { subject: ['Required'], description: 'Too short' },
        },
        422,
        'application/problem+json; charset=utf-8',
      ),
    );

    const error = await failure(api.post('/tickets', { body: {} }));
    expect(error).toMatchObject({
      status: 422,
      code: 'validation_failed',
      title: 'The request is invalid',
      detail: 'Subject is required',
      errors: { subject: ['Required'], description: ['Too short'] },
    });
  });

  it('still yields an ApiError when the error body is not JSON', async () => {
    respondWith(new Response('<!doctype html>Not found', { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'text/html' } }));

    const error = await failure(api.get('/kb/search'));
    expect(error).toMatchObject({ status: 404, code: 'http_404', title: 'Not Found', detail: undefined, errors: {} });
  });

  it('rejects a successful answer that is not JSON', async () => {
    respondWith(new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect((await failure(api.get('/health'))).code).toBe('invalid_response');
  });

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));
    expect(await failure(api.get('/health'))).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('lets an abort through as it is, so callers can tell it from a failure', async () => {
    const controller = new AbortController();
    controller.abort();
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(controller.signal.reason));

    await expect(api.get('/health', { signal: controller.signal })).rejects.toHaveProperty('name', 'AbortError');
  });
});
