import { render } from 'preact';
import { Popup } from '../../components/popup/Popup';
import { t, uiLanguage } from '../../lib/i18n';
import './style.css';

document.documentElement.lang = uiLanguage();
document.title = t('extName');
render(<Popup />, document.getElementById('app') as HTMLElement);
