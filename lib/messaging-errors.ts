/**
 * serialize-error as @webext-core/messaging uses it: a command whose handler fails in the
 * background rejects in the page with an Error of the same message. wxt.config.ts and
 * vitest.config.ts resolve 'serialize-error' to this file. The library (0.7 kB gzip in the worker
 * and in each page that sends a command) also walks nested objects for circular references,
 * streams and buffers, and rebuilds the built-in error classes; the pages read only an error's
 * message, and a nested value here is copied as JSON, which is what Chrome's messaging sends
 * anyway and which Firefox's structured clone always accepts.
 */

type Fields = Record<string, unknown>;

/** The fields every error has, kept whether or not they are enumerable (as serialize-error). */
const ERROR_FIELDS = ['name', 'message', 'stack', 'code', 'cause'];

/** A value as JSON, or left out (undefined) when JSON cannot hold it. */
function asJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return undefined;
  }
}

/**
 * An error as data: its toJSON when it has one (BalanceError says what the pages need), else its
 * own fields and name, message, stack, code and cause (itself an error as data). A thrown
 * primitive stays as it is.
 */
export function serializeError(value: unknown): unknown {
  if (typeof value === 'function') return `[Function: ${value.name || 'anonymous'}]`;
  if (typeof value !== 'object' || value === null) return value;
  const from = value as Fields & { toJSON?: () => unknown };
  if (typeof from.toJSON === 'function') return from.toJSON();
  const data: Fields = {};
  for (const [key, field] of Object.entries(from)) {
    if (typeof field !== 'function') data[key] = asJson(field);
  }
  for (const key of ERROR_FIELDS) {
    const field = from[key];
    if (field !== undefined && field !== null) {
      data[key] = key === 'cause' ? serializeError(field) : asJson(field);
    }
  }
  return data;
}

/**
 * The Error a page rejects with: one with the message and the other fields of the data; name and
 * stack kept but not enumerable, as on any Error. Data without a message (a thrown string, say)
 * becomes a NonError whose message is that data as JSON, as serialize-error's.
 */
export function deserializeError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !('message' in value)
  ) {
    const error = new Error(JSON.stringify(value) ?? String(value));
    error.name = 'NonError';
    return error;
  }
  const { name, message, stack, ...fields } = value as Fields;
  const error = Object.assign(new Error(String(message)), fields);
  for (const [key, field] of [
    ['name', name],
    ['stack', stack],
  ] as const) {
    if (field !== undefined) {
      Object.defineProperty(error, key, { value: field, writable: true, configurable: true });
    }
  }
  return error;
}
