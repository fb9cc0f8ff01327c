import { nativeBrowser } from '@/lib/native-browser';

/** Where the options page opens one account's form; the options page reads this hash. */
export function accountSettingsHref(accountId: string): string {
  return `/options.html#account=${encodeURIComponent(accountId)}`;
}

export function openOptionsPage(): Promise<void> {
  return nativeBrowser().runtime.openOptionsPage();
}
