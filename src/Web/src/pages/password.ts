import { comingSoon, simplePage } from './page';

export default simplePage('password.title', 'password.intro', comingSoon);
