import { comingSoon, simplePage } from './page';

export default simplePage('newTicket.title', 'newTicket.intro', comingSoon);
