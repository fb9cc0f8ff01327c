/**
 * Runs in the page, not in Node: finds the elements a query names. These functions are sent as
 * source (FIND_IN_PAGE_SOURCE) and call each other by name there, so they may use nothing from
 * this module but each other and IMPLIED_ROLES, and only the page's globals.
 */

/** A TextMatch as JSON carries it into the page. */
export type WireMatch = string | { source: string; flags: string };

export interface WireQuery {
  role?: string;
  name?: WireMatch;
  text?: WireMatch;
  label?: WireMatch;
  css?: string;
  within?: WireQuery;
}

/** The elements that have a role without saying so (HTML-AAM), for the roles our pages use. */
const IMPLIED_ROLES: Record<string, string> = {
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

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** A string matches whole (`whole`) or as a part; a pattern is tested as it is. */
function matches(match: WireMatch, text: string, whole: boolean): boolean {
  if (typeof match !== 'string') return new RegExp(match.source, match.flags).test(text);
  return whole ? text === match : text.includes(match);
}

/** Text as announced: skips aria-hidden and hidden subtrees, keeps visually hidden words. */
function spoken(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return '';
  if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return '';
  return [...node.childNodes].map(spoken).join('');
}

/** The accessible name, in the order of accname: labelledby, aria-label, <label>, content. */
function nameOf(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const parts = labelledBy.split(/\s+/).map((id) => {
      const target = document.getElementById(id);
      return target ? spoken(target) : '';
    });
    return collapse(parts.join(' '));
  }
  const label = element.getAttribute('aria-label');
  if (label?.trim()) return collapse(label);
  const labels = (element as HTMLInputElement).labels;
  if (labels && labels.length > 0) return collapse([...labels].map(spoken).join(' '));
  const fromContent = ['button', 'heading', 'link', 'listitem', 'checkbox'];
  const contentNamed = `${IMPLIED_ROLES.button}, ${IMPLIED_ROLES.heading}, a[href], li`;
  if (element.matches(contentNamed) || fromContent.includes(element.getAttribute('role') ?? '')) {
    return collapse(spoken(element));
  }
  return '';
}

/** Rendered at all (not display: none); visually hidden elements are rendered. */
function rendered(element: Element): boolean {
  return typeof element.checkVisibility === 'function'
    ? element.checkVisibility()
    : (element as HTMLElement).offsetParent !== null;
}

/** Elements in `scope` with the query's role, label or selector, before name and text. */
function candidates(scope: ParentNode, query: WireQuery): Element[] {
  const { role, label } = query;
  if (role) {
    const implied = IMPLIED_ROLES[role];
    return [...scope.querySelectorAll('*')].filter(
      (element) =>
        rendered(element) &&
        ((element.getAttribute('role') ?? '').split(/\s+/).includes(role) ||
          (implied !== undefined && !element.hasAttribute('role') && element.matches(implied))),
    );
  }
  if (label !== undefined) {
    const labelled = scope.querySelectorAll('input, select, textarea, button, [role]');
    return [...labelled].filter((element) => matches(label, nameOf(element), true));
  }
  return [...scope.querySelectorAll(query.css ?? '*')];
}

/**
 * Every element the query matches, in document order. Role queries skip what is not rendered,
 * as assistive technology does; visually hidden text still counts toward a name.
 */
function findInPage(query: WireQuery): Element[] {
  const scope: ParentNode | null = query.within ? (findInPage(query.within)[0] ?? null) : document;
  if (!scope) return [];
  const { name, text } = query;
  return candidates(scope, query).filter(
    (element) =>
      (name === undefined || matches(name, nameOf(element), true)) &&
      (text === undefined || matches(text, collapse(spoken(element)), false)),
  );
}

/** The page-side source: defines the functions above; call `findInPage(query)` after it. */
export const FIND_IN_PAGE_SOURCE = [
  `const IMPLIED_ROLES = ${JSON.stringify(IMPLIED_ROLES)};`,
  ...[collapse, matches, spoken, nameOf, rendered, candidates, findInPage].map(String),
].join('\n');
