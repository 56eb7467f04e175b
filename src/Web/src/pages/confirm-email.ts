import { tokenPage } from './account-page';

export default tokenPage('confirmEmail.title', 'confirmEmail.intro', '/me/email/confirm', 'confirmEmail.done', { href: '/account/profile', label: 'profile.title' });
