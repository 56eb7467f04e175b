import { comingSoon, emptyState, simplePage } from './page';

export default simplePage('certificates.title', 'certificates.intro', () => [emptyState('certificates.empty'), comingSoon()]);
