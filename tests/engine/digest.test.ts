import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AlertEvent } from '@/lib/alerts/event';
import { DIGEST_NOTICE_ID } from '@/lib/engine/digest';
import { DIGEST_ALARM, ensureDigestAlarm, registerDigest } from '@/lib/engine/digest-alarm';
import { handleNotificationClick } from '@/lib/engine/notify';
import type { Settings } from '@/lib/state';
import { updateSettings } from '@/lib/storage/writers/settings';
import { account, failure, seed, snapshot } from '../components/popup/seed';

/**
 * The daily digest in the worker: its alarm follows the setting and survives a restart, and each
 * fire sends one notification and one alert to the team channels, never two in one local day.
 */

/** A local wall time: the digest's time is the user's local time. */
const local = (d: number, h: number, min = 0) => new Date(2026, 11, d, h, min).getTime();
let clock = local(1, 8);
let delivered: AlertEvent[][];
let dispose: (() => void) | undefined;

async function seedAccounts(settings: Partial<Settings> = {}): Promise<void> {
  await seed({
    accounts: [
      account('wallet', { name: 'Ads wallet', lowThreshold: '100' }),
      account('pool', { name: 'Gift pool', lowThreshold: '100' }),
    ],
    snapshots: {
      wallet: snapshot({ value: '50', unit: 'USD' }, clock),
      pool: snapshot({ value: '900', unit: 'USD' }, clock, { error: failure('network', 'down') }),
    },
    settings: { digestTime: '09:00', ...settings },
  });
}

function start(): void {
  dispose = registerDigest({ now: () => clock, deliver: (events) => delivered.push([...events]) });
}

/** The browser fires the digest alarm (fake alarms do not fire by themselves). */
async function fire(): Promise<void> {
  const alarm = await fakeBrowser.alarms.get(DIGEST_ALARM);
  if (!alarm) throw new Error('no digest alarm');
  clock = Math.max(clock, alarm.scheduledTime);
  await fakeBrowser.alarms.onAlarm.trigger(alarm);
}

const scheduled = async () => (await fakeBrowser.alarms.get(DIGEST_ALARM))?.scheduledTime;
const notices = async () => fakeBrowser.notifications.getAll();

beforeEach(() => {
  fakeBrowser.reset();
  clock = local(1, 8);
  delivered = [];
});

afterEach(() => {
  dispose?.();
  dispose = undefined;
});

describe('the digest alarm', () => {
  it('is set at the next digest time when the setting is turned on, moved, and removed', async () => {
    await seedAccounts({ digestTime: null });
    start();
    expect(await scheduled()).toBeUndefined();

    await updateSettings((settings) => ({ ...settings, digestTime: '09:00' }));
    await vi.waitFor(async () => expect(await scheduled()).toBe(local(1, 9)));

    await updateSettings((settings) => ({ ...settings, digestTime: '07:30' }));
    await vi.waitFor(async () => expect(await scheduled()).toBe(local(2, 7, 30)));

    await updateSettings((settings) => ({ ...settings, digestTime: null }));
    await vi.waitFor(async () => expect(await scheduled()).toBeUndefined());
  });

  it('is set again at a worker start that finds none (Firefox forgets alarms on restart)', async () => {
    await ensureDigestAlarm('09:00', clock);
    expect(await scheduled()).toBe(local(1, 9));
  });

  it('is kept at a worker start when it is right, so its time does not move', async () => {
    await fakeBrowser.alarms.create(DIGEST_ALARM, { when: local(1, 9) });
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    await ensureDigestAlarm('09:00', clock);
    expect(create).not.toHaveBeenCalled();
    expect(await scheduled()).toBe(local(1, 9));
  });

  it('is kept at a browser start when it was missed, so Chrome can fire it now', async () => {
    await fakeBrowser.alarms.create(DIGEST_ALARM, { when: local(1, 9) });
    clock = local(2, 14);
    await ensureDigestAlarm('09:00', clock);
    expect(await scheduled()).toBe(local(1, 9));
  });

  it('is moved at a worker start when it is set for another time, and removed when off', async () => {
    await fakeBrowser.alarms.create(DIGEST_ALARM, { when: local(1, 18) });
    await ensureDigestAlarm('09:00', clock);
    expect(await scheduled()).toBe(local(1, 9));
    await ensureDigestAlarm(null, clock);
    expect(await scheduled()).toBeUndefined();
  });
});

describe('when the digest alarm fires', () => {
  it('shows one notification, hands one digest to the team channels and sets tomorrow', async () => {
    await seedAccounts();
    start();
    await ensureDigestAlarm('09:00', clock);
    await fire();

    const shown = await notices();
    expect(Object.keys(shown)).toEqual([DIGEST_NOTICE_ID]);
    expect(shown[DIGEST_NOTICE_ID]).toMatchObject({
      title: 'Balance Watch daily digest',
      message: 'Totals: $950.00. 1 low, 1 failing.',
    });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject([
      {
        kind: 'digest',
        at: local(1, 9),
        totals: [{ value: '950', unit: 'USD' }],
        low: [{ accountId: 'wallet', name: 'Ads wallet' }],
        failing: [{ accountId: 'pool', problem: 'down' }],
        runningOut: [],
      },
    ]);
    expect(await scheduled()).toBe(local(2, 9));
  });

  it('sends to the team channels alone when notifications are off', async () => {
    await seedAccounts({ notifications: false });
    start();
    await ensureDigestAlarm('09:00', clock);
    await fire();
    expect(await notices()).toEqual({});
    expect(delivered).toHaveLength(1);
  });

  it('sends one digest a day: a missed one delivered at browser start counts for that day', async () => {
    await seedAccounts();
    await fakeBrowser.alarms.create(DIGEST_ALARM, { when: local(1, 9) });
    // The browser was closed at 09:00 yesterday and opens at 08:59: Chrome fires the missed one.
    clock = local(2, 8, 59);
    start();
    await ensureDigestAlarm('09:00', clock);
    await fakeBrowser.alarms.onAlarm.trigger({ name: DIGEST_ALARM, scheduledTime: local(1, 9) });
    expect(delivered).toHaveLength(1);
    expect(await scheduled()).toBe(local(2, 9));

    // A minute later today's comes due: already told today.
    await fakeBrowser.notifications.clear(DIGEST_NOTICE_ID);
    await fire();
    expect(delivered).toHaveLength(1);
    expect(await notices()).toEqual({});
    expect(await scheduled()).toBe(local(3, 9));

    await fire();
    expect(delivered).toHaveLength(2);
  });

  it('sends no second digest the same day after the time is moved later, even across a restart', async () => {
    await seedAccounts();
    start();
    await ensureDigestAlarm('09:00', clock);
    await fire();
    expect(delivered).toHaveLength(1);

    dispose?.();
    start();
    await updateSettings((settings) => ({ ...settings, digestTime: '17:00' }));
    await vi.waitFor(async () => expect(await scheduled()).toBe(local(1, 17)));
    await fire();
    expect(delivered).toHaveLength(1);
    expect(await scheduled()).toBe(local(2, 17));
  });

  it('sends nothing when no account is watched', async () => {
    await seed({ accounts: [], settings: { digestTime: '09:00' } });
    start();
    await ensureDigestAlarm('09:00', clock);
    await fire();
    expect(await notices()).toEqual({});
    expect(delivered).toEqual([]);
    expect(await scheduled()).toBe(local(2, 9));
  });
});

describe('a click on the digest notification', () => {
  it('opens Settings at the accounts list, which shows every account’s state, and closes it', async () => {
    await seedAccounts();
    start();
    await ensureDigestAlarm('09:00', clock);
    await fire();
    const opened: (string | undefined)[] = [];
    fakeBrowser.tabs.onCreated.addListener((tab) => {
      opened.push(tab.url);
    });

    expect(await handleNotificationClick(DIGEST_NOTICE_ID)).toBe(true);

    // The options page without an account in its hash: no account's form, the list on top.
    expect(opened).toEqual(['chrome-extension://test-extension-id/options.html']);
    expect(await notices()).toEqual({});
  });
});
