import { digestSentOnItem } from '@/lib/storage/items';
import { plainStore } from '@/lib/storage/locked-store';

/**
 * The one writer of local:digestSentOn, the local day the last daily digest went out. Kept in
 * storage.local so a digest Chrome delivers late at the next browser start, a worker restarted
 * mid-day or a digest time changed after today's digest cannot send a second one the same day.
 * Not checked by a schema: anything but the day asked about reads as "not sent that day".
 */
const digestSent = plainStore(digestSentOnItem);

/** Records `day` as sent and returns true, or returns false when a digest already went out that day. */
export function claimDigestDay(day: string): Promise<boolean> {
  return digestSent.locked(async (sentOn, write) => {
    if (sentOn === day) return false;
    await write(day);
    return true;
  });
}
