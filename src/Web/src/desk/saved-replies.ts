/** Saved replies: their `{{placeholders}}` filled with what the desk knows about the ticket. */

export interface ReplyValues {
  customerName?: string | undefined;
  agentName?: string | undefined;
  ticketId?: number | string | undefined;
}

/** Fills `{{customerName}}`, `{{agentName}}` and `{{ticketId}}`; a placeholder with no value stays visible to edit. */
export function fillSavedReply(body: string, values: ReplyValues): string {
  return body.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => {
    const value = (values as Record<string, string | number | undefined>)[name];
    return value === undefined || String(value).trim() === '' ? placeholder : String(value);
  });
}

/** Puts `text` where the cursor is in `current` (replacing a selection); an empty box just takes it. */
export function insertAt(current: string, text: string, start: number, end: number): { value: string; cursor: number } {
  if (current.trim() === '') return { value: text, cursor: text.length };
  const before = current.slice(0, start);
  const after = current.slice(end);
  const gap = before === '' || before.endsWith('\n') ? '' : '\n';
  const value = `${before}${gap}${text}${after}`;
  return { value, cursor: before.length + gap.length + text.length };
}
