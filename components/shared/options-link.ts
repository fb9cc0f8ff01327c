import { nativeBrowser } from '@/lib/native-browser';

export function openOptionsPage(): Promise<void> {
  return nativeBrowser().runtime.openOptionsPage();
}
