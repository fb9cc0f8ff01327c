import { render } from 'preact';
import { browser } from '#imports';
import { Popup } from '../../components/popup/Popup';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
render(<Popup />, document.getElementById('app') as HTMLElement);
