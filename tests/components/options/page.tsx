import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '@/components/options/OptionsPage';
import { installBrowserStubs, startEngine } from './harness';

/**
 * The options page on empty stores, with the real command handlers answering (harness.ts): each
 * test starts from nothing and leaves no page, engine or link behind. Returns `openPage`, which
 * renders the page and waits for the section the test is about.
 */
export function optionsPageTests(heading: 'Accounts' | 'Settings') {
  let stopEngine: () => void = () => {};
  beforeEach(() => {
    fakeBrowser.reset();
    installBrowserStubs();
  });
  afterEach(() => {
    cleanup();
    stopEngine();
    location.hash = '';
  });
  return async function openPage() {
    stopEngine = startEngine().stop;
    render(<OptionsPage />);
    await screen.findByRole('heading', { name: heading });
  };
}
