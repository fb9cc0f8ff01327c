import type { CommandDeps, Handlers } from '@/lib/engine/commands/deps';
import { snoozeAccount, unsnoozeAccount } from '@/lib/engine/snooze';

/** The popup's Snooze menu and Unsnooze button (lib/engine/snooze.ts does the writing). */
export function snoozeHandlers(deps: CommandDeps) {
  return {
    snoozeAccount: ({ id, choice }) => snoozeAccount(id, choice, deps.now()),
    unsnoozeAccount: ({ id }) => unsnoozeAccount(id),
  } satisfies Partial<Handlers>;
}
