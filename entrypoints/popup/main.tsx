import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import { openFirstStores } from '@/components/popup/stores';
import { t, uiLanguage } from '@/lib/i18n';
// In the script, not a <link>: a stylesheet still loading holds back the page's scripts, and
// this one would be the last file the popup waits for before its first paint.
import css from './style.css?inline';

// The first paint's read (the popup summary, a few kB) goes out first, so it runs while the page
// sets itself up; the popup renders once it has landed, in one pass with the first rows (until
// then it would render nothing anyway), and reads the stores themselves after that paint.
const first = openFirstStores();
const style = document.createElement('style');
style.textContent = css;
document.head.append(style);
document.documentElement.lang = uiLanguage();
document.title = t('extName');
const mount = () => {
  render(<Popup first={first} />, document.getElementById('app') as HTMLElement);
};
first.first.then(mount, mount);
