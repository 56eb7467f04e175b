import { comingSoon, simplePage } from './page';

export default simplePage('profile.title', 'profile.intro', comingSoon);
