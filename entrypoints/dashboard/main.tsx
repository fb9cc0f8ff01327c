import { render } from 'preact';
import { Dashboard } from '@/components/dashboard/Dashboard';
import { t, uiLanguage } from '@/lib/i18n';
import '@/components/dashboard/dashboard.css';

document.documentElement.lang = uiLanguage();
document.title = t('dashboard_title');
render(<Dashboard />, document.getElementById('app') as HTMLElement);
