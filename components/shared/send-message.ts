import type { sendMessage as SendMessage } from '@/lib/messages';

type Send = (...args: unknown[]) => Promise<unknown>;

/**
 * The protocol's sendMessage (lib/messages.ts), with the messaging library (about 1.8 kB gzip)
 * loaded on a page's first command instead of with the page: no page sends anything before its
 * first paint.
 */
export const sendMessage = ((...args: unknown[]) =>
  import('@/lib/messages').then((messages) =>
    (messages.sendMessage as unknown as Send)(...args),
  )) as unknown as typeof SendMessage;
