// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { FIRST_CARDS } from '@/components/options/use-progressive-cards';
import { account, seedStores } from './harness';
import { optionsPageTests } from './page';

/**
 * Issue 17: Options shows a long list without building every account's card first. Every account
 * is a list item with its heading and its words (provider, state) at the first paint; the cards,
 * with their controls, follow a few at a time, and the one a link points at comes first.
 */

const ACCOUNTS = 100;
const accounts = Array.from({ length: ACCOUNTS }, (_, i) =>
  account({ id: `a${i + 1}`, name: `Wallet ${i + 1}` }),
);

const openOptions = optionsPageTests('Accounts');
const openPage = () => openOptions({ seed: () => seedStores({ accounts }) });

const list = () => {
  const heading = screen.getByRole('heading', { name: 'Accounts' });
  return heading.closest('section')?.querySelector('ul.accounts') as HTMLElement;
};
const editButtons = () => within(list()).queryAllByRole('button', { name: /^Edit / });

describe('a long account list', () => {
  it('lists every account at once, then gives each its card', async () => {
    await openPage();

    const items = within(list()).getAllByRole('listitem');
    expect(items).toHaveLength(ACCOUNTS);
    // Each row names its account as a heading and says its provider and state from the start.
    expect(within(items[ACCOUNTS - 1] as HTMLElement).getByRole('heading').textContent).toBe(
      `Wallet ${ACCOUNTS}`,
    );
    expect(items[ACCOUNTS - 1]?.textContent).toContain('Not checked yet');
    expect(editButtons().length).toBeLessThan(ACCOUNTS);
    expect(editButtons().length).toBeGreaterThanOrEqual(FIRST_CARDS);

    // Then every row is a card, with its switch, Edit and Delete, reachable by keyboard.
    // The cards come a few per frame; under a full parallel test run that takes seconds, not one.
    await waitFor(() => expect(editButtons()).toHaveLength(ACCOUNTS), { timeout: 15_000 });
    const last = items[ACCOUNTS - 1] as HTMLElement;
    const lastCard = document.getElementById(last.id) as HTMLElement;
    expect(within(lastCard).getByRole('checkbox')).toBeTruthy();
    expect(
      within(lastCard).getByRole('button', { name: `Delete Wallet ${ACCOUNTS}` }),
    ).toBeTruthy();
  });

  it('a link to an account far down the list opens its card and form at once', async () => {
    location.hash = `#account=a${ACCOUNTS}`;
    await openPage();
    const form = await screen.findByRole(
      'form',
      { name: `Edit Wallet ${ACCOUNTS}` },
      { timeout: 5_000 },
    );
    expect(form).toBeTruthy();
  });
});
