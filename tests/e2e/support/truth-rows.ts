import type { ExtensionPage } from '../../../scripts/lib/extension-page';

/**
 * What a person reads on one account's row, in the popup and on the options page, read in one
 * pass each (issue 14's browser test). Every field is text as shown, whitespace collapsed.
 */

export interface PopupRow {
  name: string;
  /** The name's hover text (the whole name when it is cut). */
  title: string | null;
  amount: string;
  /** The tags beside the line of when ("Low", "Can't be read", "Out of date"). */
  tags: string[];
  /** The one line of when. */
  when: string;
  /** The error note's first line: the title and the provider's words; null when none. */
  error: string | null;
  /** What it means and what to do, with "Fix in Settings" when offered. */
  advice: string | null;
  fixLink: string | null;
  /** The name takes one line (its box is no taller than one line of its text). */
  nameOnOneLine: boolean;
}

export async function popupRow(popup: ExtensionPage, name: string): Promise<PopupRow> {
  const row = await popup.evaluate((wanted: string) => {
    const text = (node: Element | null | undefined) =>
      node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const item = [...document.querySelectorAll('li.account')].find(
      (li) => li.querySelector('.name')?.getAttribute('title') === wanted,
    );
    if (!item) return null;
    const nameNode = item.querySelector('.name') as HTMLElement;
    const lineHeight = Number.parseFloat(getComputedStyle(nameNode).lineHeight) || 20;
    const note = item.querySelectorAll('.note.error p');
    return {
      name: text(nameNode),
      title: nameNode.getAttribute('title'),
      amount: text(item.querySelector('.account-head .amount')),
      tags: [...item.querySelectorAll('.meta .tag')].map((tag) => text(tag)),
      when: text(item.querySelector('.meta .updated')),
      error: note[0] ? text(note[0]) : null,
      advice: note[1] ? text(note[1]) : null,
      fixLink: item.querySelector('.note.error a')?.getAttribute('href') ?? null,
      nameOnOneLine: nameNode.getBoundingClientRect().height <= lineHeight * 1.5,
    };
  }, name);
  if (!row) throw new Error(`the popup lists no account named ${name}`);
  return row;
}

export interface OptionsRow {
  status: string;
  when: string;
  threshold: string;
  advice: string | null;
  /** The status words' colour, to compare one failing row's look with another's. */
  statusColor: string;
}

export async function optionsRow(options: ExtensionPage, name: string): Promise<OptionsRow> {
  // A long list paints compact rows first and builds their cards a frame later
  // (components/options/use-progressive-cards.ts): the facts read here are the card's.
  await options.waitFor({
    css: `li.account:not(.compact) .account-name[title=${JSON.stringify(name)}]`,
  });
  const row = await options.evaluate((wanted: string) => {
    const text = (node: Element | null | undefined) =>
      node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const item = [...document.querySelectorAll('li.account')].find(
      (li) => li.querySelector('.account-name')?.getAttribute('title') === wanted,
    );
    if (!item) return null;
    const status = item.querySelector('.status');
    return {
      status: text(status),
      when: text(item.querySelector('.when')),
      threshold: text(item.querySelector('.threshold')),
      advice: item.querySelector('.advice') ? text(item.querySelector('.advice')) : null,
      statusColor: status ? getComputedStyle(status).color : '',
    };
  }, name);
  if (!row) throw new Error(`the options page lists no account named ${name}`);
  return row;
}

/** The popup's header: totals as read (amount and label), the note under them, the headline. */
export async function popupHeader(popup: ExtensionPage) {
  return popup.evaluate(() => {
    const text = (node: Element | null | undefined) =>
      node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return {
      totals: [...document.querySelectorAll('.total-list > li')].map((li) => ({
        amount: text(li.querySelector('.total-amount')),
        label: text(li.querySelector('.total-program')),
      })),
      note: text(document.querySelector('.totals-note')),
      headline: text(document.querySelector('.low-count')),
    };
  });
}

/**
 * Whether anything is cut off at the page's width: the page does not scroll sideways and every
 * amount ends inside its row. Names are cut on purpose (with an ellipsis and a title).
 */
export async function clippedAmounts(popup: ExtensionPage): Promise<string[]> {
  return popup.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Each amount's box must end inside the page and inside its own row (nothing cut by overflow).
    const clipped = [...document.querySelectorAll<HTMLElement>('.amount, .total-amount')].filter(
      (node) => {
        // Rows off screen skip layout (content-visibility): bring each in before measuring.
        node.scrollIntoView({ block: 'nearest' });
        const box = node.getBoundingClientRect();
        const row = (node.closest('li') ?? document.body).getBoundingClientRect();
        return box.right > width + 0.5 || box.left < -0.5 || box.right > row.right + 0.5;
      },
    );
    const page =
      document.documentElement.scrollWidth > width ? ['(the page scrolls sideways)'] : [];
    return [...page, ...clipped.map((node) => node.textContent ?? '')];
  });
}

/** How many tabs the browser has open (no "tabs" permission needed to count them). */
export async function tabCount(page: ExtensionPage): Promise<number> {
  return page.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: TabsApi }).chrome;
    return (await api.tabs.query({})).length;
  });
}

interface TabsApi {
  tabs: { query(filter: object): Promise<unknown[]> };
}
