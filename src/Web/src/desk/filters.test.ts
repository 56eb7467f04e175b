import { describe, expect, it } from 'vitest';
import { apiQuery, defaultStatuses, filtersQuery, queueHref, readFilters } from './filters';

const read = (query: string) => readFilters(new URLSearchParams(query));

describe('queue filters in the address', () => {
  it('default to every status but resolved and closed', () => {
    expect(read('')).toEqual({ department: '', statuses: defaultStatuses, priority: '', assignee: '', q: '' });
    expect(queueHref(read(''))).toBe('/desk');
  });

  it('read repeated statuses, department, priority, assignee and the search', () => {
    const filters = read('status=closed&status=open&department=licensing&priority=critical&assignee=me&q=%20export%20');
    expect(filters).toEqual({ department: 'licensing', statuses: ['open', 'closed'], priority: 'critical', assignee: 'me', q: 'export' });
  });

  it('leave out what they do not know', () => {
    expect(read('status=lost&priority=urgent&department=a%20b&assignee=%3Cscript%3E')).toEqual(read(''));
  });

  it('round-trip through the address in a fixed order, defaults left out', () => {
    const filters = read('priority=high&status=in_progress&assignee=none');
    expect(filtersQuery(filters).toString()).toBe('status=in_progress&priority=high&assignee=none');
    expect(read(filtersQuery(filters).toString())).toEqual(filters);
    expect(filtersQuery(read('status=open&status=in_progress&status=awaiting_customer')).toString()).toBe('');
  });

  it('become the API query with every status spelled out, the page size and the cursor', () => {
    expect(apiQuery(read('department=general&q=vpn'), null, 50).toString()).toBe(
      'department=general&status=open&status=in_progress&status=awaiting_customer&q=vpn&limit=50',
    );
    expect(apiQuery(read('status=resolved'), 'abc', 20).toString()).toBe('status=resolved&limit=20&cursor=abc');
  });
});
