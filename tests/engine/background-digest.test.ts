import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '@/lib/engine/background';
import { DIGEST_ALARM } from '@/lib/engine/digest-alarm';
import { DEFAULT_SETTINGS } from '@/lib/state';
import { settingsItem } from '@/lib/storage/items';
import { freshHistoryDb } from '../support/history-db';

/**
 * The worker's start sets the digest alarm when there is none: Firefox does not keep alarms
 * across a browser restart, so without this a digest set yesterday would never come again.
 */

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
});

describe('the worker start', () => {
  it('sets the digest alarm at the next digest time when the browser kept none', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, digestTime: '09:00' });
    const before = Date.now();
    startBackground();
    const alarm = await vi.waitFor(async () => {
      const found = await fakeBrowser.alarms.get(DIGEST_ALARM);
      if (!found) throw new Error('no digest alarm yet');
      return found;
    });
    const at = new Date(alarm.scheduledTime);
    expect([at.getHours(), at.getMinutes()]).toEqual([9, 0]);
    expect(alarm.scheduledTime).toBeGreaterThan(before);
    expect(alarm.scheduledTime - before).toBeLessThanOrEqual(25 * 3_600_000);
  });
});
