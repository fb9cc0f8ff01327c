import { useEffect, useState } from 'preact/hooks';

/** The id in "options.html#account=<id>", where notifications and the popup link to. */
export function accountIdFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const id = params.get('account');
  return id ? id : null;
}

/** The account the URL asks for; follows later hash changes (a second notification click). */
export function useHashAccount(): string | null {
  const [id, setId] = useState(() => accountIdFromHash(location.hash));
  useEffect(() => {
    const onChange = () => setId(accountIdFromHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return id;
}
