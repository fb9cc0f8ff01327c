import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { type OptionsLink, optionsLinkFromHash } from '@/lib/account-link';

/**
 * Brings this options tab (and its window) to the front: the popup's links set this open tab's
 * address rather than open another (components/popup/open-options.ts), so the page that was
 * asked for shows itself. runtime.openOptionsPage would do it only for a tab it opened itself.
 */
async function bringToFront(): Promise<void> {
  try {
    const tab = await browser.tabs.getCurrent();
    if (tab?.id !== undefined) await browser.tabs.update(tab.id, { active: true });
    if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  } catch (error) {
    // Showing the form matters more than raising the tab; the user can still switch to it.
    console.warn('[balance-watch] could not bring the options tab forward', error);
  }
}

/**
 * What the URL asks for (an account's form and its field, or the new form); follows later hash
 * changes (a second notification click, the popup's Fix in Settings on this open tab).
 */
export function useHashLink(): OptionsLink {
  const [rendered] = useState(() => location.hash);
  const [link, setLink] = useState(() => optionsLinkFromHash(rendered));
  useEffect(() => {
    const onChange = () => {
      const next = optionsLinkFromHash(location.hash);
      setLink(next);
      if (next.account || next.adding) void bringToFront();
    };
    window.addEventListener('hashchange', onChange);
    // Effects run after the first paint, late in a background tab: a link the popup set in
    // between fired its hashchange before anyone listened, so it is taken up here.
    if (location.hash !== rendered) onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, [rendered]);
  return link;
}
