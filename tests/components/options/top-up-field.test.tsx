// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { accountsItem } from '@/lib/storage/items';
import { account, seedStores } from './harness';
import { optionsPageTests } from './page';

/**
 * The account form's "Top-up page": optional; https, or plain http only on this computer; kept
 * on the account and offered by the popup and notices when it is low or running out.
 */

const openPage = optionsPageTests('Accounts');

function type(input: HTMLElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

async function newOnlineSalesForm() {
  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
  const form = within(await screen.findByRole('form', { name: 'New account' }));
  fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'onlinesales' } });
  type(form.getByLabelText(/^Name/), 'Ads wallet');
  type(form.getByLabelText(/^App token/), 'os-token');
  type(form.getByLabelText(/^Merchant id/), 'TOQ-15126');
  type(form.getByLabelText(/^Marketplace client id/), '110600');
  return form;
}

describe('the account form’s top-up page', () => {
  it('saves an https top-up page with the account', async () => {
    await openPage();
    const form = await newOnlineSalesForm();
    const field = form.getByLabelText(/^Top-up page/);
    expect(field.getAttribute('type')).toBe('url');
    expect(field.getAttribute('placeholder')).toBe('https://');

    type(field, ' https://pay.example.com/wallet ');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByText('Saved Ads wallet')).toBeTruthy());
    expect((await accountsItem.getValue())[0]?.topUpUrl).toBe('https://pay.example.com/wallet');
  });

  it('refuses plain http off this computer with a clear message, and saves nothing', async () => {
    await openPage();
    const form = await newOnlineSalesForm();
    const field = form.getByLabelText(/^Top-up page/);

    type(field, 'http://pay.example.com');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));

    const message =
      'Use https:// for the top-up page. Plain http:// is only allowed for localhost.';
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(form.getByText(message)).toBeTruthy();
    expect(await accountsItem.getValue()).toEqual([]);
  });

  it('accepts plain http on this computer and leaves the field optional', async () => {
    await openPage();
    const form = await newOnlineSalesForm();
    type(form.getByLabelText(/^Top-up page/), 'http://localhost:8080/top-up');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('Saved Ads wallet')).toBeTruthy());
    expect((await accountsItem.getValue())[0]?.topUpUrl).toBe('http://localhost:8080/top-up');
  });

  it('shows a saved top-up page on edit, and an emptied field saves none', async () => {
    await seedStores({
      accounts: [account({ id: 'acc-1', topUpUrl: 'https://pay.example.com' })],
      secrets: { 'acc-1': { token: 'os-token' } },
    });
    await openPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Ads wallet' }));
    const form = within(await screen.findByRole('form', { name: 'Edit Ads wallet' }));
    const field = form.getByLabelText(/^Top-up page/) as HTMLInputElement;
    expect(field.value).toBe('https://pay.example.com');

    // The stored secret has been looked up: Save keeps it.
    await waitFor(() =>
      expect(form.getByLabelText(/^App token/).getAttribute('placeholder')).toBe('Saved'),
    );
    type(field, '');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));

    await waitFor(async () =>
      expect((await accountsItem.getValue())[0]).not.toHaveProperty('topUpUrl'),
    );
    expect((await accountsItem.getValue())[0]?.name).toBe('Ads wallet');
  });
});
