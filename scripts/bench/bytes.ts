import type { FleetStorage } from './fleet';
import type { NodeEngine } from './node-engine';
import type { SimHosts } from './sim-client';

/**
 * Measurement 1c: the bytes a round hands to storage.local.set (JSON), counted on fakeBrowser in
 * the Node round. What a round writes should follow the accounts it refreshed, not everything
 * stored: refreshing 50 accounts writes about as much with 500 stored as with 50.
 */

export interface BytesFigures {
  /** Accounts stored. */
  stored: number;
  /** Accounts the round refreshed (the first `refreshed` of the stored ones). */
  refreshed: number;
  localBytes: number;
  /** By key group ("snapshot:*" for per-account keys). */
  bytesByKey: Record<string, number>;
  localWrites: number;
}

async function bytesOfRound(
  engine: NodeEngine,
  sim: SimHosts,
  fleet: FleetStorage,
  refreshed: number,
): Promise<BytesFigures> {
  await sim.clearFaults();
  await engine.seed(fleet);
  // Every stored account has its snapshot first, as after any earlier round.
  await engine.round();
  const ids = fleet.accounts.slice(0, refreshed).map((account) => account.id);
  const run = await engine.round({ accountIds: ids });
  if (run.succeeded !== refreshed) {
    throw new Error(`bytes round read ${run.succeeded} of ${refreshed} accounts`);
  }
  return {
    stored: fleet.accounts.length,
    refreshed,
    localBytes: run.writes.localBytes,
    bytesByKey: run.writes.bytesByKey,
    localWrites: run.writes.local,
  };
}

/**
 * After a first round of every stored account, rounds refreshing 50 of 50, 50 of 500 and 500 of
 * 500 of them, with no added latency.
 */
export async function measureBytes(
  engine: NodeEngine,
  sim: SimHosts,
  fleetOf: (accounts: number) => FleetStorage,
): Promise<BytesFigures[]> {
  const cases = [
    [50, 50],
    [500, 50],
    [500, 500],
  ] as const;
  const figures: BytesFigures[] = [];
  for (const [stored, refreshed] of cases) {
    figures.push(await bytesOfRound(engine, sim, fleetOf(stored), refreshed));
  }
  return figures;
}
