/**
 * The popup is 360 px wide in the toolbar: a browser sizes a popup to its content, so its width
 * must be fixed there. Opened as a tab (the demo, the browser tests, a narrow window), the page
 * is fluid from 300 to 800 px instead (style.css, html.in-tab). Only the extension's own list of
 * popup views tells the two apart; without it (tests) the page keeps the popup's width.
 */

interface ViewsApi {
  extension?: { getViews?(filter: { type: 'popup' }): Window[] };
}

export function markIfInTab(): void {
  const { browser, chrome } = globalThis as { browser?: ViewsApi; chrome?: ViewsApi };
  const extension = browser?.extension ?? chrome?.extension;
  let popups: Window[] | undefined;
  try {
    popups = extension?.getViews?.({ type: 'popup' });
  } catch {
    popups = undefined;
  }
  if (popups && !popups.includes(window)) document.documentElement.classList.add('in-tab');
}
