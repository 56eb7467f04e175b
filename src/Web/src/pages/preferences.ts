import { comingSoon, simplePage } from './page';

export default simplePage('preferences.title', 'preferences.intro', comingSoon);
