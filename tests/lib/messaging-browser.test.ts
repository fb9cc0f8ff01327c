import { defineExtensionMessaging } from '@webext-core/messaging';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import messagingBrowser from '@/lib/messaging-browser';

/**
 * @webext-core/messaging reaches the browser through lib/messaging-browser.ts (the build resolves
 * 'webextension-polyfill' to it). Firefox's `browser` takes a listener's promise as its answer;
 * Chrome's `chrome` answers only through sendResponse, with `true` returned to wait for it. The
 * browser's dispatch is fakeBrowser's onMessage.trigger, called as each browser calls a listener.
 */

interface Ping {
  ping(value: number): number;
}

const sender = { id: fakeBrowser.runtime.id };

/** A message as Chrome hands it to each listener: with sendResponse, the only way to answer. */
function chromeDispatch(message: unknown, sendResponse: (reply: unknown) => void) {
  const trigger = fakeBrowser.runtime.onMessage.trigger as (
    ...args: unknown[]
  ) => Promise<unknown[]>;
  return trigger(message, sender, sendResponse);
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('in Firefox (an extension `browser` global)', () => {
  it('hands the listener to the browser as it is, so its promise is the answer', async () => {
    const messenger = defineExtensionMessaging<Ping>();
    messenger.onMessage('ping', ({ data }) => data + 1);

    expect(await messenger.sendMessage('ping', 41)).toBe(42);
  });
});

describe('in Chrome (only `chrome`)', () => {
  beforeEach(() => {
    vi.stubGlobal('browser', undefined);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('answers a command through sendResponse and keeps the channel open', async () => {
    const messenger = defineExtensionMessaging<Ping>();
    messenger.onMessage('ping', async ({ data }) => data + 1);
    const sendResponse = vi.fn();

    const returned = await chromeDispatch(
      { id: 1, type: 'ping', data: 41, timestamp: Date.now() },
      sendResponse,
    );

    expect(returned).toEqual([true]);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith({ res: 42 }));
  });

  it('sends a handler’s error back as data, as the library expects', async () => {
    const messenger = defineExtensionMessaging<Ping>();
    messenger.onMessage('ping', async () => {
      throw new Error('not now');
    });
    const sendResponse = vi.fn();

    await chromeDispatch({ id: 2, type: 'ping', data: 1, timestamp: Date.now() }, sendResponse);

    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledTimes(1));
    expect(sendResponse.mock.calls[0]?.[0]).toMatchObject({ err: { message: 'not now' } });
  });

  it('leaves a message that is not its own to other listeners (no answer, channel closed)', async () => {
    const ignore = vi.fn(() => undefined);
    messagingBrowser.runtime.onMessage.addListener(ignore);
    const sendResponse = vi.fn();

    const returned = await chromeDispatch({ other: true }, sendResponse);

    expect(ignore).toHaveBeenCalledWith({ other: true }, sender);
    expect(returned).toEqual([undefined]);
    expect(sendResponse).not.toHaveBeenCalled();
  });

  it('removes the listener it added', async () => {
    const listener = vi.fn(async () => 'answer');
    messagingBrowser.runtime.onMessage.addListener(listener);
    expect(await chromeDispatch({ type: 'ping' }, vi.fn())).toEqual([true]);

    messagingBrowser.runtime.onMessage.removeListener(listener);
    expect(await chromeDispatch({ type: 'ping' }, vi.fn())).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('sends through chrome.runtime.sendMessage', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ res: 3 });

    expect(await messagingBrowser.runtime.sendMessage({ type: 'ping' })).toEqual({ res: 3 });
    expect(send).toHaveBeenCalledWith({ type: 'ping' });
  });
});
