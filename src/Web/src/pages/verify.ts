import { tokenPage } from './account-page';

export default tokenPage('verify.title', 'verify.intro', '/accounts/verify', 'verify.done', { href: '/sign-in', label: 'signIn.title' });
