// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/state';
import { settingsItem } from '@/lib/storage/items';
import { optionsPageTests } from './page';

/** The daily digest's setting: a checkbox and a time, saved through the saveSettings command. */

const openPage = optionsPageTests('Settings');

const digestTime = async () => (await settingsItem.getValue()).digestTime;

describe('the daily digest setting', () => {
  it('is off by default, with its help and a time that waits for the checkbox', async () => {
    await openPage();
    const box = screen.getByRole('checkbox', { name: 'Send a daily digest' });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toBe('setting-digest-help');
    expect(document.getElementById('setting-digest-help')?.textContent).toMatch(
      /^One notification a day, and one message to each team channel that asks for the digest/,
    );
    const time = screen.getByLabelText('Send it at') as HTMLInputElement;
    expect(time.type).toBe('time');
    expect(time.disabled).toBe(true);
  });

  it('turns on at the time shown, moves to a new time, and turns off', async () => {
    await openPage();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Send a daily digest' }));
    await waitFor(async () => expect(await digestTime()).toBe('09:00'));

    const time = screen.getByLabelText('Send it at') as HTMLInputElement;
    await waitFor(() => expect(time.disabled).toBe(false));
    fireEvent.change(time, { target: { value: '07:45' } });
    await waitFor(async () => expect(await digestTime()).toBe('07:45'));

    fireEvent.click(screen.getByRole('checkbox', { name: 'Send a daily digest' }));
    await waitFor(async () => expect(await digestTime()).toBeNull());
    // The time stays, so turning it on again brings it back.
    expect(time.value).toBe('07:45');
  });

  it('shows a digest set elsewhere (an import) and says a cleared time is missing', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, digestTime: '18:30' });
    await openPage();
    const box = screen.getByRole('checkbox', { name: 'Send a daily digest' }) as HTMLInputElement;
    const time = screen.getByLabelText('Send it at') as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(time.value).toBe('18:30');

    fireEvent.change(time, { target: { value: '' } });
    expect(await screen.findByText('Enter a time, like 09:00.')).toBeTruthy();
    expect(time.getAttribute('aria-invalid')).toBe('true');
    expect(await digestTime()).toBe('18:30');
  });
});
