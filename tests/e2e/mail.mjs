// Mail the local stack sent, read through smtp4dev's API (its address is in the stack's stack.json, SF_STACK_FILE).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { eventually } from './support.mjs';

/** smtp4dev's address from the running stack's stack.json (SF_STACK_FILE), or undefined when there is no mail catcher. */
export function mailUrl() {
  const file = process.env.SF_STACK_FILE;
  if (!file) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).mail?.replace(/\/+$/, '');
}

/** The plain text and subject of the newest mail to `to` whose subject contains `subject`, once it has arrived. */
export async function mailTo(to, subject) {
  return eventually(
    async () => {
      const list = await (await fetch(`${mailUrl()}/api/messages?pageSize=500`)).json();
      const items = (Array.isArray(list) ? list : list.results).filter(
        (m) => [].concat(m.to).some((r) => String(r).toLowerCase().includes(to.toLowerCase())) && m.subject.includes(subject),
      );
      assert.ok(items.length > 0, `a mail "${subject}" to ${to}`);
      const text = await (await fetch(`${mailUrl()}/api/messages/${items[0].id}/plaintext`)).text();
      return { subject: items[0].subject, text };
    },
    { timeout: 20_000, interval: 250 },
  );
}

/** The token of the newest mail to `to` whose subject contains `subject`. */
export async function tokenFromMail(to, subject) {
  const { text } = await mailTo(to, subject);
  const match = /[?&]token=([A-Za-z0-9_%-]+)/.exec(text);
  assert.ok(match, 'the mail has a link with a token');
  return decodeURIComponent(match[1]);
}
