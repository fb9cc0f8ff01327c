import type { ExtensionPage } from '../../../scripts/lib/extension-page';

/** The focused element's accessible name as a user hears it (label, aria-label or text). */
async function focusedName(page: ExtensionPage): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return '';
    const labelledBy = active.getAttribute('aria-labelledby');
    const byId = labelledBy
      ?.split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    const label = (active as HTMLInputElement).labels?.[0]?.textContent;
    const name = active.getAttribute('aria-label') ?? byId ?? label ?? active.textContent ?? '';
    return name.replace(/\s+/g, ' ').trim();
  });
}

/**
 * Moves focus with Tab until the control named `name` has it, as a keyboard user does (no Tab
 * when it has focus already, as when a form focuses its first field); fails if it never gets
 * there (unreachable by keyboard) or if focus leaves the page: past the last control Firefox
 * tabs into its own toolbar, where the page's keys no longer press its buttons.
 */
export async function tabTo(page: ExtensionPage, name: RegExp, maxPresses = 60): Promise<void> {
  const seen: string[] = [];
  if (name.test(await focusedName(page))) return;
  for (let i = 0; i < maxPresses; i++) {
    await page.press('Tab');
    const current = await focusedName(page);
    if (name.test(current)) return;
    seen.push(current);
    if (!(await page.evaluate(() => document.hasFocus()))) {
      throw new Error(`Focus left the page before reaching ${name}: ${seen.join(' | ')}`);
    }
  }
  throw new Error(`Tab never reached ${name}; focus went through: ${seen.join(' | ')}`);
}

/** Tabs to a field and types into it. */
export async function tabAndType(page: ExtensionPage, name: RegExp, text: string): Promise<void> {
  await tabTo(page, name);
  await page.type(text);
}
