import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: [
      'https://accounts.xoxoday.com/*',
      'https://stagingaccount.xoxoday.com/*',
      'https://stagingstores.xoxoday.com/*',
      'https://canvas.xoxoday.com/*',
      'https://apac.api.capillarytech.com/*',
      'https://apac2.api.capillarytech.com/*',
      'https://eu.api.capillarytech.com/*',
      'https://us.api.capillarytech.com/*',
      'https://www.wixapis.com/*',
      'https://services.onlinesales.ai/*',
    ],
    optional_host_permissions: ['https://*/*'],
  },
});
