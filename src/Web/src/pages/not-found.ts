import { h } from '../dom';
import { t } from '../i18n';
import { simplePage } from './page';

export default simplePage('notFound.title', 'notFound.intro', () => h('a', { href: '/' }, t('notFound.home')));
