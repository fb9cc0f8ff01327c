import { useEffect, useState } from 'preact/hooks';
import { type OptionsLink, optionsLinkFromHash } from '@/lib/account-link';

/**
 * What the URL asks for (an account's form and its field, or the new form); follows later hash
 * changes (a second notification click, the popup's Fix in Settings on this open tab).
 */
export function useHashLink(): OptionsLink {
  const [link, setLink] = useState(() => optionsLinkFromHash(location.hash));
  useEffect(() => {
    const onChange = () => setLink(optionsLinkFromHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return link;
}
