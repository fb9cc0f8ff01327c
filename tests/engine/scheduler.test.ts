import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureRefreshAlarm, REFRESH_ALARM, RETRY_ALARM } from '@/lib/engine/alarms';
import { createRefresher, type Refresher } from '@/lib/engine/refresh';
import { refreshBadgeFromStores } from '@/lib/engine/round-effects';
import { takeOverFromDeadWorker } from '@/lib/engine/round-lease';
import { registerScheduler, type Scheduler } from '@/lib/engine/scheduler';
import { DEFAULT_SETTINGS } from '@/lib/state';
import { engineStatusItem, roundLeaseItem, settingsItem } from '@/lib/storage/items';
import type { Simulator } from '../sim/server';
import {
  balanceCalls as callsTo,
  simulators,
  simWallet,
  storeAccounts,
  testRefresherDeps,
  walletAccount,
} from './support';

// Fake alarms schedule by the real clock, so the injected clock starts there too; every
// assertion is relative to it.
let clock = Date.now();
let sim: Simulator;
const sims = simulators();
let scheduler: Scheduler | undefined;
let network: EventTarget;
let refresher: Refresher | undefined;

async function storeWallet(): Promise<void> {
  sim = await sims.start({ now: () => clock, data: { accounts: [simWallet()] } });
  await storeAccounts([
    {
      account: walletAccount(sim, undefined, { createdAt: clock }),
      credentials: { token: 'FAKE-os-token' },
    },
  ]);
}

async function setUp(): Promise<Scheduler> {
  await storeWallet();
  const deps = testRefresherDeps(() => clock);
  refresher = createRefresher(deps);
  scheduler = registerScheduler({
    refresher,
    now: () => clock,
    network,
    refreshBadge: () => refreshBadgeFromStores(clock),
  });
  return scheduler;
}

function balanceCalls(): number {
  return callsTo(sim);
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = Date.now();
  network = new EventTarget();
});

afterEach(() => {
  scheduler?.dispose();
  scheduler = undefined;
});

describe('the refresh alarm', () => {
  it('is created at the interval on install, and a first round runs', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, refreshMinutes: 30 });
    await setUp();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });

    const alarm = await fakeBrowser.alarms.get(REFRESH_ALARM);
    expect(alarm?.periodInMinutes).toBe(30);
    expect(balanceCalls()).toBe(1);
    expect((await engineStatusItem.getValue()).firstRound).toBe(false);
  });

  it('is re-created on browser start, with a round', async () => {
    await setUp();
    await fakeBrowser.runtime.onStartup.trigger();
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.periodInMinutes).toBe(15);
    expect(balanceCalls()).toBe(1);
  });

  it('runs a round when it fires', async () => {
    await setUp();
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: clock });
    expect(balanceCalls()).toBe(1);
  });

  it('runs one round for two alarms at once', async () => {
    await setUp();
    await Promise.all([
      fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: clock }),
      fakeBrowser.alarms.onAlarm.trigger({ name: RETRY_ALARM, scheduledTime: clock }),
    ]);
    expect(balanceCalls()).toBe(1);
  });

  it('ignores alarms that are not its own', async () => {
    await setUp();
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'someone-else', scheduledTime: clock });
    expect(balanceCalls()).toBe(0);
  });

  it('is re-created when the interval changes', async () => {
    await setUp();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, refreshMinutes: 60 });
    await vi.waitFor(async () =>
      expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.periodInMinutes).toBe(60),
    );
  });

  it('keeps its countdown when a woken worker checks it, and fixes a wrong interval', async () => {
    await fakeBrowser.alarms.create(REFRESH_ALARM, { periodInMinutes: 15, when: clock + 60_000 });
    await ensureRefreshAlarm(15);
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.scheduledTime).toBe(clock + 60_000);

    await ensureRefreshAlarm(5);
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.periodInMinutes).toBe(5);
  });

  it('sets a one-shot alarm for a Retry-After that ends before the next round', async () => {
    await setUp();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    sim.control.setFault(
      { account: 'os-1' },
      { type: 'rate-limit', retryAfterSeconds: 120, times: 1 },
    );
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: clock });

    expect((await fakeBrowser.alarms.get(RETRY_ALARM))?.scheduledTime).toBe(clock + 120_000);
    clock += 120_000;
    await fakeBrowser.alarms.onAlarm.trigger({ name: RETRY_ALARM, scheduledTime: clock });
    expect(balanceCalls()).toBe(3);
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });
});

describe('the retry alarm after a round the user started', () => {
  it('is set for a Retry-After met by "Refresh now" too, not only by an alarm round', async () => {
    await setUp();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    sim.control.setFault(
      { account: 'os-1' },
      { type: 'rate-limit', retryAfterSeconds: 120, times: 1 },
    );
    // Save, "Refresh now" and import ask the refresher directly, not through the scheduler.
    await refresher?.refresh({ force: true, waitIfBusy: true });

    expect(balanceCalls()).toBe(2);
    expect((await fakeBrowser.alarms.get(RETRY_ALARM))?.scheduledTime).toBe(clock + 120_000);
  });
});

describe('network changes', () => {
  it('shows "off" when the network goes and refreshes when it comes back', async () => {
    await setUp();
    network.dispatchEvent(new Event('offline'));
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('off'));
    expect(balanceCalls()).toBe(0);

    network.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(balanceCalls()).toBe(1));
    await vi.waitFor(async () =>
      expect((await engineStatusItem.getValue()).roundRunning).toBe(false),
    );
    expect((await engineStatusItem.getValue()).online).toBe(true);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});

/** fakeBrowser events have hasListeners at runtime; their types leave it out. */
function listening(event: object): boolean {
  return (event as { hasListeners(): boolean }).hasListeners();
}

describe('the background entry', () => {
  it('adds every listener synchronously in main()', async () => {
    const background = (await import('../../entrypoints/background')).default;
    background.main();
    // No await between main() and these checks: an event that woke the worker is not missed.
    expect(listening(fakeBrowser.alarms.onAlarm)).toBe(true);
    expect(listening(fakeBrowser.runtime.onInstalled)).toBe(true);
    expect(listening(fakeBrowser.runtime.onStartup)).toBe(true);
    expect(listening(fakeBrowser.runtime.onMessage)).toBe(true);
    expect(listening(fakeBrowser.notifications.onClicked)).toBe(true);
  });
});

describe('a worker started after the last one was stopped mid-round', () => {
  /** What the stopped worker left: its lease, far from expired, and a round shown as running. */
  async function leaveDeadRound(): Promise<void> {
    await roundLeaseItem.setValue({ owner: 'stopped-worker', expiresAt: clock + 59_000 });
    await engineStatusItem.setValue({
      roundRunning: true,
      firstRound: false,
      online: true,
      lastRoundAt: clock - 60_000,
    });
  }

  it('releases the dead lease before its first round, so the alarm that woke it runs one', async () => {
    await storeWallet();
    await leaveDeadRound();
    const deps = testRefresherDeps(() => clock, { workerId: 'new-worker' });
    scheduler = registerScheduler({
      // The alarm arrives before the repair has finished: the round must wait for it, not skip.
      refresher: createRefresher({ ...deps, ready: takeOverFromDeadWorker(deps) }),
      now: () => clock,
      network,
      refreshBadge: () => refreshBadgeFromStores(clock),
    });
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: clock });

    expect(balanceCalls()).toBe(1);
    expect(await roundLeaseItem.getValue()).toBeNull();
    expect((await engineStatusItem.getValue()).roundRunning).toBe(false);
  });

  it('shows no round running once started, before any round of its own', async () => {
    await leaveDeadRound();
    await takeOverFromDeadWorker({
      workerId: 'new-worker',
      leaseStore: roundLeaseItem,
      now: () => clock,
    });
    expect(await roundLeaseItem.getValue()).toBeNull();
    expect((await engineStatusItem.getValue()).roundRunning).toBe(false);
  });

  it('does so in the background entry itself', async () => {
    await storeWallet();
    await leaveDeadRound();
    // A fresh module graph: the messaging listeners of an earlier main() are module state.
    vi.resetModules();
    const background = (await import('../../entrypoints/background')).default;
    background.main();
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: clock });

    expect(balanceCalls()).toBe(1);
    expect(await roundLeaseItem.getValue()).toBeNull();
    expect((await engineStatusItem.getValue()).roundRunning).toBe(false);
  });
});
