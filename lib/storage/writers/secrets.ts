import type { Secrets } from '@/lib/state';
import { secretsCheck } from '@/lib/storage/guard';
import { secretsItem } from '@/lib/storage/items';
import { checkedStore } from '@/lib/storage/locked-store';

/**
 * The one writer of local:secrets. A renewal storing a rotated refresh token
 * (lib/engine/credentials.ts), a save, an import and a delete all go through this lock, so none
 * of them writes back credentials another has replaced.
 */
const secrets = checkedStore(secretsItem, secretsCheck);

export const readSecrets = secrets.read;
export const updateSecrets = secrets.update;
/** For a renewal, which stores its tokens and their expiry in one locked section. */
export const lockSecrets = secrets.locked;

/**
 * The store as it is, unchecked: what a balance call starts from. A round reads it once for all
 * its accounts; checking it there would cost the round's first request its time. A damaged entry
 * fails its own account's call, and the next checked read sets it aside.
 */
export function readSecretsAsStored(): Promise<Secrets> {
  return secretsItem.getValue();
}

/** Calls `onChange` after every write of local:secrets (by this worker or any other). */
export function watchSecrets(onChange: () => void): () => void {
  return secretsItem.watch(onChange);
}
