import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
// In the script, not a <link>: a stylesheet still loading holds back the page's scripts, and so
// the read of the stores they start (as in the popup).
import css from '@/components/options/options.css?inline';
import { t, uiLanguage } from '@/lib/i18n';

const style = document.createElement('style');
style.textContent = css;
document.head.append(style);
document.documentElement.lang = uiLanguage();
document.title = t('options_title');
render(<OptionsPage />, document.getElementById('app') as HTMLElement);
