import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Balance Watch',
    description:
      'Watches balances at Xoxoday Plum, Capillary, Wix Benefit Programs and OnlineSales.ai and warns before a wallet runs low.',
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
