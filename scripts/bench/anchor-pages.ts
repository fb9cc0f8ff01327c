import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The anchor pages the popup and options figures are divided by, written into the bench's own
 * build folder only (never into the extension's sources or .output), so they load from the same
 * extension origin, in the same browser run, as the pages they anchor:
 * - blank: an extension page that only marks its first paint, the way the popup does (after a
 *   frame, in a task: when Preact runs effects). Nothing can paint an extension page sooner.
 * - plain: an extension page that reads what the options page reads, with one storage call per
 *   read the options page makes, and writes one list row per account in a single DOM write.
 */

export const BLANK_PAGE = 'bench-blank.html';
export const PLAIN_PAGE = 'bench-plain.html';

const html = (title: string, script: string, body: string) =>
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <script type="module" src="/${script}"></script>
  </head>
  <body>${body}</body>
</html>
`;

const BLANK_JS = `requestAnimationFrame(() => setTimeout(() => performance.mark('balances-painted')));
`;

// Plain JavaScript: the stores the options page reads (accounts, settings and the snapshots,
// whether kept as one "snapshots" object or one "snapshot:<id>" key per account), then every row
// at once. The text per row is what a person reads first: name, provider, amount, state.
const PLAIN_JS = `const escape = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const first = await chrome.storage.local.get(['accounts', 'settings', 'snapshots']);
const accounts = first.accounts ?? [];
const keyed = first.snapshots
  ? {}
  : await chrome.storage.local.get(accounts.map((account) => 'snapshot:' + account.id));
const snapshotOf = (id) => (first.snapshots ?? {})[id] ?? keyed['snapshot:' + id];
const rows = accounts.map((account) => {
  const snapshot = snapshotOf(account.id);
  const amount = snapshot?.reading?.primary;
  const state = snapshot?.error ? snapshot.error.message : amount ? 'OK' : 'Not checked yet';
  return (
    '<li class="account"><h3>' + escape(account.name) + '</h3><span>' + escape(account.provider) +
    '</span> <span>' + (amount ? escape(amount.value + ' ' + amount.unit) : '') +
    '</span> <span>' + escape(state) + '</span></li>'
  );
});
document.getElementById('list').innerHTML = rows.join('');
`;

/** Writes the anchor pages into an unpacked build folder (before the browser loads it). */
export function writeAnchorPages(extensionDir: string): void {
  writeFileSync(join(extensionDir, BLANK_PAGE), html('Blank', 'bench-blank.js', ''));
  writeFileSync(join(extensionDir, 'bench-blank.js'), BLANK_JS);
  writeFileSync(
    join(extensionDir, PLAIN_PAGE),
    html('Plain', 'bench-plain.js', '<ul class="accounts" id="list"></ul>'),
  );
  writeFileSync(join(extensionDir, 'bench-plain.js'), PLAIN_JS);
}
