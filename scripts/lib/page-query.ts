import { FIND_IN_PAGE_SOURCE, type WireMatch, type WireQuery } from './page-find';

/**
 * Finding things on an extension page the way a user names them (a role and its accessible
 * name, a field's label), the same in every browser: the search runs inside the page, so
 * Chromium and Firefox answer one query with one algorithm instead of two libraries' own.
 */

/** A string is matched whole (names, labels) or as a part (text), after whitespace is collapsed. */
type TextMatch = string | RegExp;

/** The ARIA roles the extension's pages use, explicit (role="…") or implied by the element. */
type AriaRole =
  | 'alert'
  | 'button'
  | 'checkbox'
  | 'combobox'
  | 'form'
  | 'heading'
  | 'link'
  | 'list'
  | 'listitem'
  | 'status'
  | 'textbox';

/**
 * What to find. `role` (with its accessible name and/or text) and `label` match what a screen
 * reader announces; `css` is for parts that have no name (a row's clickable head). `within`
 * narrows the search to the first match of another query.
 */
export type Query =
  | { role: AriaRole; name?: TextMatch; text?: TextMatch; within?: Query }
  | { label: TextMatch; within?: Query }
  | { css: string; text?: TextMatch; within?: Query };

function wireMatch(match: TextMatch | undefined): WireMatch | undefined {
  return match instanceof RegExp ? { source: match.source, flags: match.flags } : match;
}

function toWire(query: Query): WireQuery {
  return {
    role: 'role' in query ? query.role : undefined,
    name: 'name' in query ? wireMatch(query.name) : undefined,
    text: 'text' in query ? wireMatch(query.text) : undefined,
    label: 'label' in query ? wireMatch(query.label) : undefined,
    css: 'css' in query ? query.css : undefined,
    within: query.within ? toWire(query.within) : undefined,
  };
}

/** For error messages: the query as a person would read it. */
export function describeQuery(query: Query): string {
  const text = (match: TextMatch | undefined) =>
    match === undefined ? '' : match instanceof RegExp ? String(match) : JSON.stringify(match);
  const own =
    'role' in query
      ? `${query.role}${query.name !== undefined ? ` named ${text(query.name)}` : ''}`
      : 'label' in query
        ? `field labelled ${text(query.label)}`
        : `"${query.css}"`;
  const withText =
    'text' in query && query.text !== undefined ? ` with text ${text(query.text)}` : '';
  return `${own}${withText}${query.within ? ` in ${describeQuery(query.within)}` : ''}`;
}

/**
 * A page expression for `fn(arg)`. Sent as source, so the page never sees Node's closures; the
 * local `__name` stands in for the helper esbuild (tsx, vitest) wraps named functions in.
 */
export function callExpression(fn: string, arg?: unknown): string {
  const argText = arg === undefined ? '' : JSON.stringify(arg);
  return `(() => { const __name = (f) => f; return (${fn})(${argText}); })()`;
}

/** A page expression for every element the query matches (an array). */
export function elementsExpression(query: Query): string {
  const find = `(query) => { ${FIND_IN_PAGE_SOURCE}\nreturn findInPage(query); }`;
  return callExpression(find, toWire(query));
}

/** A page expression for the first element the query matches, or null. */
export function firstElementExpression(query: Query): string {
  return `(${elementsExpression(query)})[0] ?? null`;
}
