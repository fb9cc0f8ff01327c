/*
 * The popup's first read, sent while its own scripts are still loading: entrypoints/popup/
 * index.html runs this plain script before them, and components/popup/stores.ts takes what it
 * found (the read and every change of its keys since just before it). A plain script in public/,
 * so it runs as soon as the page is parsed instead of after the bundle. Its keys are lib/storage/
 * keys.ts STORE.popupSummary and STORE.engineStatus (tests/components/popup/first-read.test.ts).
 */
(() => {
  const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
  if (!api?.storage) return;
  const keys = ['local:popupSummary', 'session:engineStatus'];
  const changes = [];
  const listener = (changed, area) => {
    for (const [name, change] of Object.entries(changed)) {
      const key = `${area}:${name}`;
      if (keys.includes(key)) changes.push([key, change.newValue ?? null]);
    }
  };
  api.storage.onChanged.addListener(listener);
  const values = Promise.all([
    api.storage.local.get(['popupSummary']),
    api.storage.session.get(['engineStatus']),
  ]).then(([local, session]) => ({
    'local:popupSummary': local.popupSummary,
    'session:engineStatus': session.engineStatus,
  }));
  globalThis.balanceWatchFirstRead = {
    values,
    changes,
    stop: () => api.storage.onChanged.removeListener(listener),
  };
})();
