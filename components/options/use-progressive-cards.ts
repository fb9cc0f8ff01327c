import { useEffect, useState } from 'preact/hooks';

/** Cards built for the first paint: what a screen holds (a card is about 130 px high). */
export const FIRST_CARDS = 6;
/** Cards built in each later step: a few milliseconds of work, well inside one idle period. */
const CARDS_PER_STEP = 25;
/** A step waits for an idle moment at most this long, so the cards come even on a busy page. */
const IDLE_TIMEOUT_MS = 200;

/** When the page has nothing better to do (input, frames); browsers without it: next task. */
function whenIdle(callback: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(callback);
  return () => clearTimeout(id);
}

/**
 * How many of `total` rows have their full card: FIRST_CARDS for the first paint, then
 * CARDS_PER_STEP more in each idle moment until all have one. 500 accounts paint as their rows at
 * once and are all cards a moment later; the steps run between frames, so they neither hold back
 * the first paint nor make the page answer keys and clicks late.
 */
export function useProgressiveCards(total: number): number {
  const [built, setBuilt] = useState(FIRST_CARDS);
  useEffect(() => {
    if (built >= total) return;
    return whenIdle(() => setBuilt((count) => count + CARDS_PER_STEP));
  }, [built, total]);
  return built;
}
