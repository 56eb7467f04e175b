import { api, ApiError } from '../api';
import { h } from '../dom';
import { isLanguage, language, setLanguage, t } from '../i18n';
import { statusMessage, type Page, type PageContext } from './page';
import { reason } from './ticket-common';

interface AnswerResult {
  id: number;
  status: string;
  subject: string;
}

/**
 * The one-click answer from a solution mail: /tickets/{id}/answer?answer=solved|not_solved&token=…&lang=ru. It needs no
 * session; the signed token is the credential. The answer is sent by the page's script, not by the GET itself, so a mail
 * scanner that only fetches the link answers nothing.
 */
const answer: Page = {
  title: 'answer.title',
  render: (context) => {
    const wanted = context.query.get('lang');
    if (isLanguage(wanted) && wanted !== language()) setLanguage(wanted, false);
    const status = statusMessage(t('answer.working'));
    const region = h('div', { class: 'page answer', 'aria-busy': 'true' }, h('h1', {}, t('answer.title')), status);
    void send(context, status, region);
    return region;
  },
};

export default answer;

// A language switch renders the page again: the answer already given is shown, not sent a second time.
const sent = new Map<string, Promise<AnswerResult>>();

async function send({ params, query, signal }: PageContext, status: HTMLElement, region: HTMLElement): Promise<void> {
  const id = params.id ?? '';
  const choice = query.get('answer') === 'not_solved' ? 'not_solved' : 'solved';
  try {
    const token = query.get('token') ?? '';
    const key = `${id}:${choice}:${token}`;
    if (!sent.has(key)) sent.set(key, api.post<AnswerResult>(`/tickets/${encodeURIComponent(id)}/answer`, { body: { token, answer: choice } }));
    const result = await sent.get(key)!;
    status.textContent = t(choice === 'solved' ? 'answer.solved' : 'answer.notSolved', { id: result.id, subject: result.subject });
  } catch (error) {
    if (signal.aborted) return;
    status.textContent = error instanceof ApiError && error.code === 'answer_link_used' ? t('answer.used')
      : error instanceof ApiError && error.code === 'answer_link_expired' ? t('answer.expired')
      : error instanceof ApiError && error.code === 'answer_link_invalid' ? t('answer.invalid')
      : t('answer.failed', { reason: reason(error) });
  } finally {
    region.removeAttribute('aria-busy');
    region.append(h('p', {}, h('a', { href: `/tickets/${encodeURIComponent(id)}` }, t('answer.open'))));
  }
}
