import { useEffect, useState } from 'preact/hooks';

/** 'dark' or 'light' as the browser prefers, following changes, so charts redraw in the new colours. */
export function useColorScheme(): 'dark' | 'light' {
  const [query] = useState(() =>
    typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null,
  );
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const update = () => setDark(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [query]);
  return dark ? 'dark' : 'light';
}
