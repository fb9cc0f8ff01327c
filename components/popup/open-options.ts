import { type OptionsLink, optionsHash } from '@/lib/account-link';
import { nativeBrowser } from '@/lib/native-browser';

/**
 * Opens the options page at an account's form (and the field to fix) or at the new account form,
 * in the options tab that is already open when there is one: its window is one of the
 * extension's own views, so the popup sets its address, and the page follows the change and
 * brings itself to the front (components/options/use-hash-link.ts). runtime.openOptionsPage takes
 * no address and recognises only a tab it opened itself. Without an open options tab, a new one
 * opens at the address.
 */

interface ViewsApi {
  extension?: { getViews?(filter: { type: 'tab' }): Window[] };
  tabs?: { create(properties: { url: string }): Promise<unknown> };
  runtime: { getURL?(path: string): string; openOptionsPage(): Promise<void> };
}

const OPTIONS_PATH = '/options.html';

function openOptionsView(api: ViewsApi): Window | undefined {
  try {
    return api.extension
      ?.getViews?.({ type: 'tab' })
      .find((view) => view.location.pathname === OPTIONS_PATH);
  } catch {
    // A view of another process cannot be read; a new tab is then the way.
    return undefined;
  }
}

export async function openOptionsAt(link: Partial<OptionsLink>): Promise<void> {
  const api = nativeBrowser() as unknown as ViewsApi;
  const hash = optionsHash(link);
  const view = openOptionsView(api);
  if (view) {
    // The same address again would not fire hashchange: clear it first, so the form reopens.
    if (view.location.hash === hash) view.location.hash = '';
    view.location.hash = hash;
    return;
  }
  if (api.tabs && api.runtime.getURL) {
    await api.tabs.create({ url: api.runtime.getURL(`${OPTIONS_PATH}${hash}`) });
    return;
  }
  await api.runtime.openOptionsPage();
}
