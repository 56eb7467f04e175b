import { api, ApiError } from './api';
import { h } from './dom';
import { t, type MessageKey } from './i18n';

type State = 'loading' | 'ok' | 'degraded' | 'unavailable';
interface Health {
  state: State;
  version?: string;
}

const stateText: Record<State, MessageKey> = {
  loading: 'footer.status.loading',
  ok: 'footer.status.ok',
  degraded: 'footer.status.degraded',
  unavailable: 'footer.status.unavailable',
};

let health: Health = { state: 'loading' };
let check: Promise<void> | undefined;

/** The footer's service status line. Health is asked once per visit; later footers reuse the answer. */
export function serviceStatus(): HTMLElement {
  const line = h('p', { class: 'service-status' });
  const show = () => {
    const parts = [h('span', {}, t('footer.status', { status: t(stateText[health.state]) }))];
    if (health.version) parts.push(h('span', {}, t('footer.version', { version: health.version })));
    line.replaceChildren(...parts);
    line.toggleAttribute('aria-busy', health.state === 'loading');
  };
  show();
  if (health.state === 'loading') {
    check ??= loadHealth().then((result) => {
      health = result;
    });
    void check.then(show);
  }
  return line;
}

async function loadHealth(): Promise<Health> {
  try {
    const body = await api.get<{ status?: unknown; version?: unknown }>('/health');
    return typeof body.version === 'string' ? { state: 'ok', version: body.version } : { state: 'ok' };
  } catch (error) {
    // 503 is the back end saying it runs but its storage does not.
    return { state: error instanceof ApiError && error.status === 503 ? 'degraded' : 'unavailable' };
  }
}
