import { useEffect, useState } from 'preact/hooks';
import { accountIdFromHash } from '@/lib/account-link';

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
