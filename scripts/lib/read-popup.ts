import type { ExtensionPage } from './extension-page';

/** One account as the popup shows it, in words a user reads. */
export interface PopupAccount {
  name: string;
  provider: string;
  /** The amount as formatted ("$420.50", "8,500 points"); null while there is none. */
  amount: string | null;
  /** The "Low" tag is shown. */
  low: boolean;
  /** The "Stale" tag is shown. */
  stale: boolean;
  /** The error note's text, title first ("Sign-in failed: …"); null when there is none. */
  error: string | null;
}

export interface PopupState {
  /** One formatted total per unit, in the popup's order; points name their program. */
  totals: string[];
  /** "2 low" / "None low". */
  lowSummary: string;
  /** The toolbar's status line ("Refreshing…", "" when idle). */
  status: string;
  accounts: PopupAccount[];
}

/** Everything the popup shows right now, read in one pass so the parts agree with each other. */
export async function readPopup(page: ExtensionPage): Promise<PopupState> {
  return page.evaluate(() => {
    const text = (node: Element | null | undefined) =>
      node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const list = document.querySelector('ul[aria-label="Accounts"]');
    const items = list ? [...list.querySelectorAll(':scope > li')] : [];
    return {
      totals: [...document.querySelectorAll('.total-list > li')].map((total) =>
        [text(total.querySelector('.total-amount')), text(total.querySelector('.total-program'))]
          .filter(Boolean)
          .join(' '),
      ),
      lowSummary: text(document.querySelector('.totals .low-count')),
      status: text(document.querySelector('.toolbar [role="status"]')),
      accounts: items.map((item) => {
        const amount = item.querySelector('.account-head .amount');
        const error = item.querySelector('.note.error p');
        return {
          name: text(item.querySelector('.account-head .name')),
          provider: text(item.querySelector('.account-head .provider')),
          amount: amount && !amount.classList.contains('none') ? text(amount) : null,
          low: item.querySelector('.tag-low') !== null,
          stale: item.querySelector('.tag-stale') !== null,
          error: error ? text(error) : null,
        };
      }),
    };
  });
}

interface SessionApi {
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
}

interface EngineStatus {
  roundRunning: boolean;
  firstRound: boolean;
  online: boolean;
  lastRoundAt: number | null;
}

/**
 * The engine's round bookkeeping (session:engineStatus), read from an extension page. Only for
 * knowing when a round has ended; what a round did is asserted on what the pages show.
 */
export async function engineStatus(page: ExtensionPage): Promise<EngineStatus | null> {
  return page.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: SessionApi }).chrome;
    const stored = await api.storage.session.get('engineStatus');
    return (stored.engineStatus as EngineStatus | undefined) ?? null;
  });
}
