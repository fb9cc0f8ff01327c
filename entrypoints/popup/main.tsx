import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import { openFirstStores } from '@/components/popup/stores';
import { t, uiLanguage } from '@/lib/i18n';
import './style.css';

// The first paint's read (the popup summary, a few kB) goes out first, so it runs while the page
// sets itself up; the popup renders once it has landed, in one pass with the first rows (until
// then it would render nothing anyway), and reads the stores themselves after that paint.
const first = openFirstStores();
document.documentElement.lang = uiLanguage();
document.title = t('extName');
const mount = () => {
  render(<Popup first={first} />, document.getElementById('app') as HTMLElement);
};
first.first.then(mount, mount);
