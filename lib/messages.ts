import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Destination, DestinationType } from '@/lib/alerts/destination';
import type { AlertKind } from '@/lib/alerts/event';
import type { BalanceErrorData } from '@/lib/errors';
import type { DiscoveredTarget, ProviderId, Reading } from '@/lib/providers/types';
import type { Account, Settings, Snooze } from '@/lib/state';
import type { QuarantineNotice } from '@/lib/storage/keys';

/**
 * The one protocol between the pages and the background. Pages read the stores directly
 * (storage watch) and only send commands here; secrets never travel back unmasked.
 */

export type Result<T> = ({ ok: true } & T) | { ok: false; error: BalanceErrorData };

/** An account as the form edits it: the stored fields less those the background assigns. */
export type AccountDraft = Omit<Account, 'id' | 'createdAt'> & {
  /** Present when editing an existing account. */
  id?: string;
  /**
   * Credential fields. On edit, a key that is absent keeps the stored value, so the form never
   * needs the secret itself.
   */
  credentials: Record<string, unknown>;
};

/** Which credential fields are stored, never their values. */
/** How long a snooze holds an account's alerts back: a time, or until its balance rises. */
export type SnoozeChoice = '1h' | '1d' | '1w' | 'topped-up';

export type MaskedCredentials = Record<string, { set: boolean }>;

export interface FieldError {
  /** Account name or index in a file, when the error is about one account. */
  account?: string;
  /** Dotted path, e.g. "credentials.token" or "params.merchantId". */
  field: string;
  message: string;
}

export interface ImportPreview {
  /** The settings the import changes: only those that differ from the current ones. */
  settings: Partial<Settings>;
  /** What those settings are now. */
  settingsBefore: Partial<Settings>;
  /** The accounts it adds. */
  accounts: { provider: ProviderId; name: string; baseUrl: string; hasCredentials: boolean }[];
  /** The accounts it leaves out, why, and the watched account (or earlier entry) they repeat. */
  skipped: {
    provider: ProviderId;
    name: string;
    reason: 'already-watched' | 'twice-in-file';
    same: string;
  }[];
  /** Accounts of the file with errors, left out when importing only the valid ones. */
  invalid: number;
  /**
   * The team channels it adds (only a file exported with credentials has any): name, type and
   * the URL's hint ("hooks.slack.com/…/a1b2"), never the URL, which is a secret.
   */
  channels: { name: string; type: DestinationType; urlHint: string }[];
  /** The channels it leaves out: a stored channel (kept as it is) or an earlier entry has the URL. */
  skippedChannels: {
    name: string;
    type: DestinationType;
    urlHint: string;
    reason: 'already-added' | 'twice-in-file';
    same: string;
  }[];
}

/** A team channel as its form edits it; the delivery state is the background's. */
export interface DestinationDraft {
  /** Present when editing an existing destination. */
  id?: string;
  name: string;
  type: DestinationType;
  events: AlertKind[];
  /** The webhook URL (a secret). Absent or blank on edit: the stored URL stays. */
  url?: string;
}

interface ProtocolMap {
  /** Starts a round now (joins a running one); resolves when it ends. */
  refreshNow(data: { accountIds?: string[] }): { refreshed: number };
  /** Calls the provider with unsaved values; nothing is stored. */
  testConnection(data: AccountDraft): Result<{ reading: Reading }>;
  /**
   * Lists what an account of a provider with the catalog's `discovery` could point at (a Wix
   * site's pools), with typed and stored credentials; nothing is stored.
   */
  discoverTargets(
    data: Pick<AccountDraft, 'provider' | 'id' | 'baseUrl' | 'credentials' | 'params'>,
  ): Result<{ targets: DiscoveredTarget[] }>;
  saveAccount(
    data: AccountDraft,
  ): { ok: true; account: Account } | { ok: false; errors: FieldError[] };
  deleteAccount(data: { id: string }): { ok: true };
  setAccountEnabled(data: { id: string; enabled: boolean }): { ok: true };
  getMaskedCredentials(data: { id: string }): MaskedCredentials;
  /** Holds back the account's notices and webhook alerts (lib/engine/commands/snooze.ts). */
  snoozeAccount(data: {
    id: string;
    choice: SnoozeChoice;
  }): { ok: true; snooze: Snooze } | { ok: false; message: string };
  unsnoozeAccount(data: { id: string }): { ok: true } | { ok: false; message: string };
  saveSettings(
    data: Partial<Settings>,
  ): { ok: true; settings: Settings } | { ok: false; errors: FieldError[] };
  /** Validates a whole settings file; changes nothing. */
  previewImport(data: { text: string }):
    | { ok: true; preview: ImportPreview }
    /** `validOnly`: what importing only the valid accounts (and the settings) would do. */
    | { ok: false; errors: FieldError[]; validOnly?: ImportPreview };
  /**
   * Validates again and applies all of it, or nothing; with `onlyValid`, the settings and the
   * accounts without errors when only accounts are wrong.
   */
  importSettings(data: { text: string; onlyValid?: boolean }):
    | {
        ok: true;
        /** Accounts added. */
        added: number;
        /** Team channels added (a channel whose URL is already stored is kept as it is). */
        channels: number;
      }
    | { ok: false; errors: FieldError[] };
  exportSettings(data: { includeCredentials: boolean }): { text: string };
  /** Damaged stored values the background set aside, without the values themselves. */
  listQuarantine(): { notices: QuarantineNotice[] };
  /**
   * One set-aside value as JSON, for the user's Copy; it may hold credentials, so it is sent
   * only on that click. ok: false when it is no longer set aside.
   */
  copyQuarantined(
    data: Pick<QuarantineNotice, 'key' | 'path' | 'at'>,
  ): { ok: true; text: string } | { ok: false };
  /** Deletes every set-aside value: the user has seen them (and copied what they wanted). */
  dismissQuarantine(): { ok: true };
  /** Adds or changes a team channel; the URL goes in and never comes back out. */
  saveDestination(
    data: DestinationDraft,
  ): { ok: true; destination: Destination } | { ok: false; errors: FieldError[] };
  deleteDestination(data: { id: string }): { ok: true };
  /** Turning one on again clears its failures and why it was turned off. */
  setDestinationEnabled(data: { id: string; enabled: boolean }): { ok: boolean };
  /** Sends a test message now (no retries) and says how it went; recorded like any delivery. */
  testDestination(data: { id: string }): { ok: true } | { ok: false; error: string };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
export type { ProtocolMap };
