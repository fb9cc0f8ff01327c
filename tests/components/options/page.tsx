import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '@/components/options/OptionsPage';
import { installBrowserStubs, startEngine } from './harness';

interface OpenOptions {
  /** Handlers that answer differently from the real ones (harness.ts startEngine). */
  engine?: Parameters<typeof startEngine>[0];
  /** Stores written once the engine runs and before the page renders. */
  seed?: () => Promise<void>;
}

/**
 * The options page on empty stores, with the real command handlers answering (harness.ts): each
 * test starts from nothing and leaves no page, engine or link behind. Returns `openPage`, which
 * renders the page and waits for the section the test is about, and gives the engine's handle.
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
  return async function openPage({ engine, seed }: OpenOptions = {}) {
    const handle = startEngine(engine);
    stopEngine = handle.stop;
    await seed?.();
    render(<OptionsPage />);
    await screen.findByRole('heading', { name: heading });
    return handle;
  };
}
