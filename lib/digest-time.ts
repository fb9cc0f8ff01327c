/**
 * When the daily digest is due, in the user's local time ("HH:MM" from the settings). Computed
 * from the local date fields, not by adding 24 hours, so the digest stays at 09:00 across a
 * daylight-saving change (the day between is 23 or 25 hours long).
 */

/** The first local occurrence of `time` strictly after `now` (epoch ms). */
export function nextDigestAt(now: number, time: string): number {
  // "HH:MM", as the settings schema checks it.
  const hours = Number(time.slice(0, 2));
  const minutes = Number(time.slice(3, 5));
  const at = new Date(now);
  at.setHours(hours, minutes, 0, 0);
  if (at.getTime() > now) return at.getTime();
  // Tomorrow: move the date first, then set the time again, so a DST change between is absorbed.
  at.setDate(at.getDate() + 1);
  at.setHours(hours, minutes, 0, 0);
  return at.getTime();
}

/** The local calendar day of `at`, "YYYY-MM-DD": at most one digest is sent per such day. */
export function localDay(at: number): string {
  const date = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}
