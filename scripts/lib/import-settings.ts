import type { ExtensionPage, FileInput } from './extension-page';
import type { Query } from './page-query';

const FILE_INPUT: Query = { label: 'Import settings' };
const CONFIRM: Query = { role: 'button', name: 'Import' };
const REFUSED: Query = { role: 'alert', text: 'was not imported' };
const DONE: Query = { role: 'status', text: /Imported \d+ accounts?/ };

/** Waits until one of the queries matches; resolves with the first that does. */
async function firstOf(page: ExtensionPage, queries: Query[], timeoutMs = 30_000): Promise<Query> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const query of queries) if ((await page.count(query)) > 0) return query;
    if (Date.now() > deadline) throw new Error('Import: neither a preview nor a refusal appeared');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Imports a settings file the way a user does: choose it in the options page's "Import settings"
 * input, read the preview, press Import. Resolves with the number of accounts the page says it
 * imported; throws with the page's own words when it refuses the file.
 */
export async function importSettingsThroughOptions(
  page: ExtensionPage,
  file: FileInput,
): Promise<number> {
  await page.uploadFile(FILE_INPUT, { mimeType: 'application/json', ...file });
  if ((await firstOf(page, [CONFIRM, REFUSED])) === REFUSED) {
    throw new Error(`Import refused: ${await page.text(REFUSED)}`);
  }
  await page.click(CONFIRM);
  if ((await firstOf(page, [DONE, REFUSED])) === REFUSED) {
    throw new Error(`Import refused: ${await page.text(REFUSED)}`);
  }
  const text = await page.text(DONE);
  return Number(/Imported (\d+)/.exec(text)?.[1] ?? 'NaN');
}
