// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { accountsItem, settingsItem } from '@/lib/storage/items';
import { optionsPageTests } from './page';

/** "Warn before it runs low: [24] hours": the run-out trigger's default, saved at once. */

const openPage = optionsPageTests('Settings');

const lead = async () => (await settingsItem.getValue()).runOutLeadHours;
const input = () =>
  screen.getByRole('textbox', { name: /Warn before it runs low/ }) as HTMLInputElement;

describe('the run-out warning setting', () => {
  it('shows the default of 24 hours, with its help', async () => {
    await openPage();
    expect(input().value).toBe('24');
    expect(screen.getByText('hours')).toBeTruthy();
    const help = document.getElementById(`${input().id}-help`)?.textContent;
    expect(help).toMatch(/forecast/);
    expect(help).toMatch(/Empty: no run-out warnings/);
  });

  it('saves a new number of hours, and empty as off', async () => {
    await openPage();
    fireEvent.input(input(), { target: { value: '6' } });
    fireEvent.change(input());
    await waitFor(async () => expect(await lead()).toBe(6));
    fireEvent.input(input(), { target: { value: '' } });
    fireEvent.change(input());
    await waitFor(async () => expect(await lead()).toBeNull());
  });

  it('refuses what is not a number of hours, next to the field, and keeps the setting', async () => {
    await openPage();
    fireEvent.input(input(), { target: { value: 'soon' } });
    fireEvent.change(input());
    expect(await screen.findByText(/Enter how many hours ahead to warn, like 24/)).toBeTruthy();
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(await lead()).toBe(24);
  });
});

describe('an account’s own run-out lead', () => {
  async function newOnlineSalesForm() {
    await screen.findByRole('heading', { name: 'Accounts' });
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    const form = within(await screen.findByRole('form', { name: 'New account' }));
    fireEvent.change(form.getByLabelText(/^Provider/), { target: { value: 'onlinesales' } });
    const type = (label: RegExp, value: string) =>
      fireEvent.input(form.getByLabelText(label), { target: { value } });
    type(/^Name/, 'Ads wallet');
    type(/^App token/, 'os-token');
    type(/^Merchant id/, 'TOQ-15126');
    type(/^Marketplace client id/, '110600');
    return { form, type };
  }

  it('is saved with the account; empty means the default', async () => {
    await openPage();
    const { form, type } = await newOnlineSalesForm();
    expect(form.getByLabelText(/^Warn this many hours before it runs low/)).toBeTruthy();
    expect(form.getByText('Empty: the default from Settings.')).toBeTruthy();
    type(/^Warn this many hours before it runs low/, '6');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('Saved Ads wallet')).toBeTruthy());
    expect((await accountsItem.getValue())[0]?.runOutLeadHours).toBe(6);
  });

  it('refuses what is not a number of hours at its field, and saves nothing', async () => {
    await openPage();
    const { form, type } = await newOnlineSalesForm();
    type(/^Warn this many hours before it runs low/, 'a day');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(
      await form.findByText(
        'Enter how many hours ahead to warn, like 24, or leave it empty for the default.',
      ),
    ).toBeTruthy();
    expect(await accountsItem.getValue()).toEqual([]);
  });
});
