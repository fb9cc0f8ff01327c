import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '@/components/shared/send-message';
import type { QuarantineNotice } from '@/lib/storage/keys';

/**
 * The notices of the values the background set aside, asked of the background (pages never read
 * local:quarantine, whose raw values may hold credentials). Asked again whenever `changed` does:
 * the background sets a value aside and then writes the repaired store, so a change of the stores
 * the page shows is when the list may have grown. `ask` asks now (after Copy found a value gone,
 * after Dismiss).
 */
export function useQuarantine(changed: unknown): {
  notices: QuarantineNotice[];
  ask: () => Promise<void>;
} {
  const [notices, setNotices] = useState<QuarantineNotice[]>([]);
  const latest = useRef(0);
  const ask = useCallback(async () => {
    // Answers may arrive out of order; only the last question's answer is shown.
    const question = ++latest.current;
    try {
      const reply = await sendMessage('listQuarantine');
      if (question === latest.current) setNotices(reply?.notices ?? []);
    } catch (error) {
      // The list is a notice, not the page's job: without the background it stays as it was.
      console.warn('[balance-watch] could not list the set-aside values', error);
    }
  }, []);
  useEffect(() => {
    void ask();
  }, [ask, changed]);
  return { notices, ask };
}
