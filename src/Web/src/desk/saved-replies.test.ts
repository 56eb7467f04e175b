import { describe, expect, it } from 'vitest';
import { fillSavedReply, insertAt } from './saved-replies';

describe('saved replies', () => {
  it('fill in the customer, the agent and the ticket', () => {
    expect(fillSavedReply('Hello {{customerName}},\nticket {{ ticketId }}.\n{{agentName}}', { customerName: 'Ivan', agentName: 'Anna', ticketId: 42 })).toBe(
      'Hello Ivan,\nticket 42.\nAnna',
    );
  });

  it('leave a placeholder without a value visible, and an unknown one alone', () => {
    expect(fillSavedReply('Здравствуйте, {{customerName}}! {{unknown}}', { customerName: ' ' })).toBe('Здравствуйте, {{customerName}}! {{unknown}}');
  });

  it('never read a value as a pattern', () => {
    expect(fillSavedReply('Hi {{customerName}}', { customerName: '$& $1' })).toBe('Hi $& $1');
  });

  it('go into an empty box whole, or where the cursor is on a new line', () => {
    expect(insertAt('  ', 'Saved', 0, 0)).toEqual({ value: 'Saved', cursor: 5 });
    expect(insertAt('Hello', 'Saved', 5, 5)).toEqual({ value: 'Hello\nSaved', cursor: 11 });
    expect(insertAt('Hello\n', 'Saved', 6, 6)).toEqual({ value: 'Hello\nSaved', cursor: 11 });
    expect(insertAt('Hello world', 'Saved', 0, 5)).toEqual({ value: 'Saved world', cursor: 5 });
  });
});
