/**
 * Finding things on an extension page the way a user names them (a role and its accessible
 * name, a field's label), the same in every browser: the search runs inside the page, so
 * Chromium and Firefox answer one query with one algorithm instead of two libraries' own.
 */

/** A string is matched whole (names, labels) or as a part (text), after whitespace is collapsed. */
export type TextMatch = string | RegExp;

/** The ARIA roles the extension's pages use, explicit (role="…") or implied by the element. */
export type AriaRole =
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

/** A TextMatch as JSON can carry it into the page. */
type WireMatch = string | { source: string; flags: string };
type WireQuery = {
  role?: AriaRole;
  name?: WireMatch;
  text?: WireMatch;
  label?: WireMatch;
  css?: string;
  within?: WireQuery;
};

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
 * Runs in the page: every element the query matches, in document order. Role queries skip what
 * is not rendered (display: none, hidden), as assistive technology does; visually hidden text
 * still counts toward a name. Self-contained, because it is sent to the page as source.
 */
function findInPage(query: WireQuery): Element[] {
  const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const matches = (match: WireMatch, text: string, whole: boolean) =>
    typeof match === 'string'
      ? whole
        ? text === match
        : text.includes(match)
      : new RegExp(match.source, match.flags).test(text);
  const IMPLIED: Record<string, string> = {
    button: 'button, input[type="button"], input[type="submit"], input[type="reset"]',
    checkbox: 'input[type="checkbox"]',
    combobox: 'select',
    form: 'form',
    heading: 'h1, h2, h3, h4, h5, h6',
    link: 'a[href]',
    list: 'ul, ol',
    listitem: 'li',
    status: 'output',
    textbox:
      'textarea, input:not([type]), input[type="text"], input[type="email"], input[type="url"], input[type="search"], input[type="tel"], input[type="number"]',
  };
  // Text as announced: skips aria-hidden and hidden subtrees, keeps visually hidden words.
  const spoken = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element)) return '';
    if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return '';
    if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return '';
    return [...node.childNodes].map(spoken).join('');
  };
  const nameOf = (element: Element): string => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) {
      return collapse(
        labelledBy
          .split(/\s+/)
          .map((id) => {
            const target = document.getElementById(id);
            return target ? spoken(target) : '';
          })
          .join(' '),
      );
    }
    const label = element.getAttribute('aria-label');
    if (label?.trim()) return collapse(label);
    const labels = (element as HTMLInputElement).labels;
    if (labels && labels.length > 0) return collapse([...labels].map(spoken).join(' '));
    const role = element.getAttribute('role');
    const fromContent = ['button', 'heading', 'link', 'listitem', 'checkbox'];
    if (
      element.matches(`${IMPLIED.button}, ${IMPLIED.heading}, a[href], li`) ||
      fromContent.includes(role ?? '')
    ) {
      return collapse(spoken(element));
    }
    return '';
  };
  const rendered = (element: Element) =>
    typeof element.checkVisibility === 'function'
      ? element.checkVisibility()
      : (element as HTMLElement).offsetParent !== null;

  const scope: ParentNode | null = query.within ? (findInPage(query.within)[0] ?? null) : document;
  if (!scope) return [];
  let found: Element[];
  if (query.role) {
    const role = query.role;
    const implied = IMPLIED[role];
    found = [...scope.querySelectorAll('*')].filter(
      (element) =>
        (element.getAttribute('role') ?? '').split(/\s+/).includes(role) ||
        (implied !== undefined && !element.hasAttribute('role') && element.matches(implied)),
    );
    found = found.filter(rendered);
  } else if (query.label !== undefined) {
    const label = query.label;
    found = [...scope.querySelectorAll('input, select, textarea, button, [role]')].filter(
      (element) => matches(label, nameOf(element), true),
    );
  } else {
    found = [...scope.querySelectorAll(query.css ?? '*')];
  }
  const { name, text } = query;
  if (name !== undefined) found = found.filter((element) => matches(name, nameOf(element), true));
  if (text !== undefined) {
    found = found.filter((element) => matches(text, collapse(spoken(element)), false));
  }
  return found;
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
  return callExpression(findInPage.toString(), toWire(query));
}

/** A page expression for the first element the query matches, or null. */
export function firstElementExpression(query: Query): string {
  return `(${elementsExpression(query)})[0] ?? null`;
}
