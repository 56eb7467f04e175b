import { comingSoon, emptyState, simplePage } from './page';

export default simplePage('tickets.title', 'tickets.intro', () => [
  emptyState('tickets.empty', { href: '/tickets/new', label: 'newTicket.title' }),
  comingSoon(),
]);
