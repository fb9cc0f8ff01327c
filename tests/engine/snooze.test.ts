import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeFor } from '@/lib/engine/badge';
import { type Account, DEFAULT_SETTINGS, emptySnapshot, type Snapshot } from '@/lib/state';
import { accountStatus } from '@/lib/status';
import { accountsItem, snapshotsItem } from '@/lib/storage/items';
import { createSnapshotBatch } from '@/lib/storage/writers/snapshots';
import { account } from '../support/accounts';
import { commandSetup, DAY, START } from './support';

/**
 * Snooze from the popup row or a notification's button: stored in the account's snapshot by the
 * snapshots writer; a snooze of an account deleted meanwhile writes nothing and says why.
 */

const HOUR = 60 * 60_000;
let clock = START;
const ads: Account = account({ id: 'acc-ads' });

function low(value: string): Snapshot {
  return {
    ...emptySnapshot(),
    reading: { primary: { value, unit: 'USD' }, details: [], warnings: [] },
    readingAt: START,
    lastAttemptAt: START,
    lowNotified: true,
    alertsSent: ['low'],
  };
}

async function stored(): Promise<Snapshot | undefined> {
  return (await snapshotsItem.getValue())[ads.id];
}

beforeEach(async () => {
  fakeBrowser.reset();
  clock = START;
  await accountsItem.setValue([ads]);
  await snapshotsItem.setValue({ [ads.id]: low('80') });
});

describe('snoozeAccount', () => {
  it.each([
    ['1h', START + HOUR],
    ['1d', START + DAY],
    ['1w', START + 7 * DAY],
    ['topped-up', null],
  ] as const)('snoozes for %s from now, remembering the balance', async (choice, until) => {
    const { handlers } = commandSetup(() => clock);

    const result = await handlers.snoozeAccount({ id: ads.id, choice });

    const snooze = { at: START, until, from: '80' };
    expect(result).toEqual({ ok: true, snooze });
    expect(await stored()).toEqual({ ...low('80'), snooze });
  });

  it('snoozes an account never read yet, with no balance to rise above', async () => {
    await snapshotsItem.setValue({});
    const { handlers } = commandSetup(() => clock);

    await handlers.snoozeAccount({ id: ads.id, choice: 'topped-up' });

    expect((await stored())?.snooze).toEqual({ at: START, until: null, from: null });
  });

  it('says the account is gone and writes nothing when it was deleted meanwhile', async () => {
    await accountsItem.setValue([]);
    await snapshotsItem.setValue({});
    const { handlers } = commandSetup(() => clock);

    const result = await handlers.snoozeAccount({ id: ads.id, choice: '1d' });

    expect(result).toEqual({ ok: false, message: 'This account no longer exists.' });
    expect(await snapshotsItem.getValue()).toEqual({});
  });

  it('is over once its time has come: the status no longer calls it snoozed', async () => {
    const { handlers } = commandSetup(() => clock);
    await handlers.snoozeAccount({ id: ads.id, choice: '1h' });
    const snapshot = await stored();

    expect(accountStatus(ads, snapshot, DEFAULT_SETTINGS, START + HOUR - 1).snoozed).toEqual({
      until: START + HOUR,
    });
    expect(accountStatus(ads, snapshot, DEFAULT_SETTINGS, START + HOUR).snoozed).toBeNull();
  });
});

describe('unsnoozeAccount', () => {
  it('ends the snooze, and what is still wrong is said again at the next round', async () => {
    const { handlers } = commandSetup(() => clock);
    await handlers.snoozeAccount({ id: ads.id, choice: '1w' });

    expect(await handlers.unsnoozeAccount({ id: ads.id })).toEqual({ ok: true });

    expect(await stored()).toMatchObject({ snooze: null, lowNotified: false, alertsSent: [] });
  });

  it('says the account is gone when it was deleted meanwhile', async () => {
    await accountsItem.setValue([]);
    const { handlers } = commandSetup(() => clock);

    expect(await handlers.unsnoozeAccount({ id: ads.id })).toEqual({
      ok: false,
      message: 'This account no longer exists.',
    });
  });
});

describe('a round’s snapshot writes', () => {
  it('keep a snooze set while the round was reading', async () => {
    const batch = createSnapshotBatch(10);
    const { handlers } = commandSetup(() => clock);
    await handlers.snoozeAccount({ id: ads.id, choice: '1d' });

    // The round built its snapshot from what it read before the snooze.
    batch.add(ads.id, { ...low('75'), readingAt: START + HOUR });
    await batch.close((merged) => merged);

    expect(await stored()).toMatchObject({
      reading: { primary: { value: '75' } },
      snooze: { at: START, until: START + DAY, from: '80' },
    });
  });
});

describe('a snoozed account on the badge', () => {
  it('still counts: a snooze silences notices and webhooks, never the badge', async () => {
    const { handlers } = commandSetup(() => clock);
    await handlers.snoozeAccount({ id: ads.id, choice: '1w' });
    const status = accountStatus(ads, await stored(), DEFAULT_SETTINGS, START + HOUR);
    expect(status.snoozed).toEqual({ until: START + 7 * DAY });

    const badge = badgeFor({
      statuses: [status],
      engine: { roundRunning: false, firstRound: false, online: true, lastRoundAt: START },
      settings: DEFAULT_SETTINGS,
      locale: 'en-US',
      now: START + HOUR,
    });

    expect(badge.text).toBe('1');
    expect(badge.tooltip).toContain('Ads wallet');
  });
});
