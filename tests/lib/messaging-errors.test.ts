import { defineExtensionMessaging } from '@webext-core/messaging';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BalanceError } from '@/lib/errors';
import { deserializeError, serializeError } from '@/lib/messaging-errors';

/**
 * A command whose handler fails in the background rejects in the page: @webext-core/messaging
 * sends the error through lib/messaging-errors.ts (what the build resolves 'serialize-error' to).
 */

interface Failing {
  fail(kind: string): void;
}

beforeEach(() => {
  fakeBrowser.reset();
});

/** The page's view of a handler that rejects with `thrown`. */
async function rejectionOf(thrown: unknown): Promise<unknown> {
  const messenger = defineExtensionMessaging<Failing>();
  messenger.onMessage('fail', async () => {
    throw thrown;
  });
  try {
    await messenger.sendMessage('fail', 'x');
  } catch (error) {
    return error;
  } finally {
    messenger.removeAllListeners();
  }
  throw new Error('the command did not reject');
}

describe('a failed command, as the page sees it', () => {
  it('rejects with an Error of the same name and message (what the options page shows)', async () => {
    const cause = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const thrown = new Error('Could not save: The quota has been exceeded.', { cause });
    thrown.name = 'StorageWriteError';

    const error = await rejectionOf(thrown);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('Could not save: The quota has been exceeded.');
    expect((error as Error).name).toBe('StorageWriteError');
    expect(Object.keys(error as Error)).not.toContain('name');
    expect((error as Error & { cause: unknown }).cause).toMatchObject({
      name: 'QuotaExceededError',
      message: 'The quota has been exceeded.',
      code: 22,
    });
  });

  it('keeps what a BalanceError says as data (its toJSON)', async () => {
    const error = await rejectionOf(
      new BalanceError({ kind: 'auth', message: 'Token expired', status: 401 }),
    );

    expect(error).toMatchObject({ message: 'Token expired', kind: 'auth', status: 401 });
  });

  it('turns a thrown string into a NonError whose message is that string as JSON', async () => {
    const error = await rejectionOf('nope');

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'NonError', message: '"nope"' });
  });
});

describe('serializeError', () => {
  it('gives data any browser can send: nested values as JSON, functions left out', () => {
    const error = Object.assign(new Error('HTTP 500'), {
      response: new Response('{}', { status: 500 }),
      retry: () => undefined,
      details: { attempts: 3, when: new Date(0) },
    });

    const data = serializeError(error);

    expect(() => structuredClone(data)).not.toThrow();
    expect(data).toEqual({
      name: 'Error',
      message: 'HTTP 500',
      stack: error.stack,
      response: {},
      details: { attempts: 3, when: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('leaves a thrown primitive as it is and names a thrown function', () => {
    expect(serializeError(42)).toBe(42);
    expect(serializeError(null)).toBeNull();
    expect(serializeError(function check() {})).toBe('[Function: check]');
  });
});

describe('deserializeError', () => {
  it('returns an Error as it is', () => {
    const error = new TypeError('x');
    expect(deserializeError(error)).toBe(error);
  });

  it('treats data without a message, or a list, as a NonError', () => {
    expect(deserializeError({ kind: 'auth' })).toMatchObject({
      name: 'NonError',
      message: '{"kind":"auth"}',
    });
    expect(deserializeError(['a'])).toMatchObject({ name: 'NonError', message: '["a"]' });
    expect(deserializeError(undefined)).toMatchObject({ name: 'NonError', message: 'undefined' });
  });
});
