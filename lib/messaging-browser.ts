/**
 * The browser's messaging API in the shape @webext-core/messaging imports it: the library reads
 * `runtime.sendMessage`, `tabs.sendMessage` and `runtime.onMessage` from the default export of
 * 'webextension-polyfill', which wxt.config.ts (and vitest.config.ts) resolve to this file. The
 * whole polyfill (about 2.5 kB gzip in the worker and in every page that sends a command) was
 * there only for one thing the browsers do not share: a message listener that answers with a
 * promise. Firefox's `browser` takes the promise; Chrome's `chrome` needs `sendResponse` and a
 * `true` that keeps the channel open. Every other call already returns a promise in both.
 *
 * The choice is the polyfill's: an extension `browser` (Firefox, Safari) is used as it is, else
 * `chrome` with the listener wrapped. Looked up on every call, as lib/native-browser.ts does.
 */

type Listener = (message: unknown, sender: unknown) => unknown;
type NativeListener = (
  message: unknown,
  sender: unknown,
  sendResponse: (reply: unknown) => void,
) => unknown;

interface MessagingApi {
  runtime: {
    id?: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(listener: NativeListener): void;
      removeListener(listener: NativeListener): void;
    };
  };
  tabs: { sendMessage(tabId: number, message: unknown, options?: unknown): Promise<unknown> };
}

interface ExtensionGlobals {
  browser?: MessagingApi;
  chrome?: MessagingApi;
}

/** Whether the browser's own `browser` is here, whose listeners may answer with a promise. */
function answersPromises(): boolean {
  return Boolean((globalThis as ExtensionGlobals).browser?.runtime?.id);
}

function api(): MessagingApi {
  const { browser, chrome } = globalThis as ExtensionGlobals;
  const found = answersPromises() ? browser : chrome;
  if (!found?.runtime) {
    throw new Error('[balance-watch] no extension API here: this code runs only in the extension');
  }
  return found;
}

/** One wrapper per listener, so removeListener finds the one addListener added. */
const wrappers = new WeakMap<Listener, NativeListener>();

/**
 * Chrome: a promise from the listener becomes sendResponse, and `true` keeps the channel open
 * until it settles. Anything else (undefined: "not my message") is returned as it is, so another
 * listener may answer. @webext-core/messaging's promise answers errors as data; should it reject
 * all the same, the sender gets no answer (its "No response" error) instead of waiting forever.
 */
function wrapped(listener: Listener): NativeListener {
  let native = wrappers.get(listener);
  if (!native) {
    native = (message, sender, sendResponse) => {
      const reply = listener(message, sender);
      if (answersPromises() || !(reply instanceof Promise)) return reply;
      reply.then(sendResponse, () => sendResponse(undefined));
      return true;
    };
    wrappers.set(listener, native);
  }
  return native;
}

export default {
  runtime: {
    sendMessage: (message: unknown) => api().runtime.sendMessage(message),
    onMessage: {
      addListener: (listener: Listener) => api().runtime.onMessage.addListener(wrapped(listener)),
      removeListener: (listener: Listener) =>
        api().runtime.onMessage.removeListener(wrapped(listener)),
    },
  },
  tabs: {
    sendMessage: (tabId: number, message: unknown, options?: unknown) =>
      api().tabs.sendMessage(tabId, message, options),
  },
};
