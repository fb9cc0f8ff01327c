import type { ExtensionPage } from './extension-page';

export type BrowserName = 'chromium' | 'firefox';

/**
 * The extension's background: the service worker in Chromium, the event page in Firefox. Either
 * is stopped by the browser when idle and started again by the next event (an alarm, a message).
 */
export interface Background {
  /**
   * Runs `fn(arg)` there, with its chrome.* (source only, JSON in and out, as for pages). Chromium
   * waits for a running worker; Firefox starts a stopped event page to run it.
   */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Stops it now, as the browser does when it is idle (or kills it). */
  stop(): Promise<void>;
}

/** A browser with the built extension installed, driven the same way whichever it is. */
export interface ExtensionBrowser {
  browser: BrowserName;
  /** A new tab at one of the extension's pages, loaded. */
  open(path: string): Promise<ExtensionPage>;
  background: Background;
  close(): Promise<void>;
  /** Resolves when the browser goes away (the user closed it). */
  closed(): Promise<void>;
  /**
   * Answers the permission prompt that permissions.request shows, as the user clicks Allow or
   * Deny; resolves with the prompt's words. Firefox only: Chromium's prompt is a native dialog
   * that no driver reaches.
   */
  answerPermissionPrompt?(answer: 'allow' | 'deny'): Promise<string>;
}

export interface BrowserLaunchOptions {
  browser: BrowserName;
  /** The build to load; the browser's own .output folder when absent. */
  extensionPath?: string;
  headless?: boolean;
  /** Before any page asks: light unless set. Pages can switch later (ExtensionPage). */
  colorScheme?: 'light' | 'dark';
}

/** What launchBrowser hands each browser's launcher, every option decided. */
export type ResolvedLaunch = Required<Omit<BrowserLaunchOptions, 'browser'>>;
