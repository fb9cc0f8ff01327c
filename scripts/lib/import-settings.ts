import type { Page } from 'playwright-core';

export interface SettingsFileInput {
  /** Shown in the preview ("Importing demo.json will:"). */
  name: string;
  text: string;
}

/**
 * Imports a settings file the way a user does: choose it in the options page's "Import settings"
 * input, read the preview, press Import. Resolves with the number of accounts the page says it
 * imported; throws with the page's own words when it refuses the file.
 */
export async function importSettingsThroughOptions(
  page: Page,
  file: SettingsFileInput,
): Promise<number> {
  await page.getByLabel('Import settings', { exact: true }).setInputFiles({
    name: file.name,
    mimeType: 'application/json',
    buffer: Buffer.from(file.text, 'utf8'),
  });
  const confirm = page.getByRole('button', { name: 'Import', exact: true });
  const refused = page.getByRole('alert').filter({ hasText: 'was not imported' });
  await confirm.or(refused).first().waitFor();
  if (await refused.isVisible()) throw new Error(`Import refused: ${await refused.textContent()}`);
  await confirm.click();
  const done = page.getByRole('status').filter({ hasText: /Imported \d+ accounts?/ });
  await done.or(refused).first().waitFor();
  if (await refused.isVisible()) throw new Error(`Import refused: ${await refused.textContent()}`);
  const text = (await done.textContent()) ?? '';
  return Number(/Imported (\d+)/.exec(text)?.[1] ?? 'NaN');
}
