import { useEffect, useState } from 'preact/hooks';

/** Cards built for the first paint: what a screen holds (a card is about 130 px high). */
export const FIRST_CARDS = 6;
/** Cards built in each later step, one step a frame. */
const CARDS_PER_STEP = 40;

/**
 * How many of `total` rows have their full card: FIRST_CARDS for the first paint, then
 * CARDS_PER_STEP more every frame until all have one. 500 accounts paint as their rows at once,
 * and are all cards a moment later, without one long task that would hold the page still.
 */
export function useProgressiveCards(total: number): number {
  const [built, setBuilt] = useState(FIRST_CARDS);
  useEffect(() => {
    if (built >= total) return;
    const frame = requestAnimationFrame(() => setBuilt((count) => count + CARDS_PER_STEP));
    return () => cancelAnimationFrame(frame);
  }, [built, total]);
  return built;
}
