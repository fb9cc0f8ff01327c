// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { useHashLink } from '@/components/options/use-hash-link';

/**
 * The popup sets the open options tab's address (components/popup/open-options.ts). In a
 * background tab the page's effects run late, so the link can arrive after the first render and
 * before the hashchange listener: it must still open what it points at.
 */

function Probe() {
  const link = useHashLink();
  return <p id="probe">{link.adding ? 'adding' : (link.account ?? 'nothing')}</p>;
}

const root = document.createElement('div');
document.body.append(root);

afterEach(() => {
  render(null, root);
  location.hash = '';
});

describe('a link that arrives before the page listens', () => {
  it('is taken up when the page starts listening', async () => {
    render(<Probe />, root);
    // Rendered, effects not run yet (Preact runs them after the next frame).
    expect(root.textContent).toBe('nothing');
    location.hash = '#new';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(root.textContent).toBe('adding');
  });
});
