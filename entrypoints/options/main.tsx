import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
// In the script, not a <link>: a stylesheet still loading holds back the page's scripts, and so
// the read of the stores they start (as in the popup).
import css from '@/components/options/options.css?inline';
import { openAccountStores } from '@/components/shared/use-account-stores';
import { t, uiLanguage } from '@/lib/i18n';

// The read goes out first, so it runs while the page sets itself up.
const stores = openAccountStores();
const style = document.createElement('style');
style.textContent = css;
document.head.append(style);
document.documentElement.lang = uiLanguage();
document.title = t('options_title');
render(<OptionsPage stores={stores} />, document.getElementById('app') as HTMLElement);
