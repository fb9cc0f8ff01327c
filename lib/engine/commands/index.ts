import { accountHandlers } from '@/lib/engine/commands/accounts';
import { backupHandlers } from '@/lib/engine/commands/backup';
import { connectionHandlers } from '@/lib/engine/commands/connection';
import type { CommandDeps, Handlers } from '@/lib/engine/commands/deps';
import { destinationHandlers } from '@/lib/engine/commands/destinations';
import { quarantineHandlers } from '@/lib/engine/commands/quarantine';
import { settingsHandlers } from '@/lib/engine/commands/settings';
import { snoozeHandlers } from '@/lib/engine/commands/snooze';
import { defaultWebhookDeps } from '@/lib/engine/webhooks';
import { onMessage } from '@/lib/messages';

/**
 * The background side of lib/messages.ts, one file per concern. Secrets go in; nothing that comes
 * back out holds one.
 */

export type { CommandDeps } from '@/lib/engine/commands/deps';

export function createCommandHandlers(deps: CommandDeps): Handlers {
  return {
    ...accountHandlers(deps),
    ...connectionHandlers(deps),
    ...settingsHandlers(deps),
    ...backupHandlers(deps),
    ...quarantineHandlers(),
    ...destinationHandlers(deps, defaultWebhookDeps),
    ...snoozeHandlers(deps),
  };
}

/** Connects every handler to the protocol; returns a function that disconnects them. */
export function registerCommands(handlers: Handlers): () => void {
  const removers = (Object.keys(handlers) as (keyof Handlers)[]).map((name) =>
    // Each name's handler takes that name's data; TypeScript cannot see that through the loop.
    onMessage(name, ({ data }) => (handlers[name] as (data: unknown) => Promise<never>)(data)),
  );
  return () => {
    for (const remove of removers) remove();
  };
}
