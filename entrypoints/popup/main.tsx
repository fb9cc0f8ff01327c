import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import { openStores } from '@/components/popup/stores';
import { t, uiLanguage } from '@/lib/i18n';
import './style.css';

// The storage read goes out first, so it runs while the page sets itself up; the popup renders
// once it has landed, in one pass with the list (until then it would render nothing anyway).
const source = openStores();
document.documentElement.lang = uiLanguage();
document.title = t('extName');
const mount = () => {
  render(<Popup source={source} />, document.getElementById('app') as HTMLElement);
};
source.first.then(mount, mount);
