import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useRef, useState } from 'preact/hooks';

type Announce = (text: string) => void;

const TOAST_MS = 6000;

const AnnounceContext = createContext<Announce>(() => {});

/** Confirmations ("Saved") go to one polite live region, so screen readers hear each once. */
export function AnnounceProvider({ children }: { children: ComponentChildren }) {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated "Saved" a new announcement.
    setMessage('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setMessage(text);
      // Long enough to read; then the toast goes so an old "Saved" does not mislead.
      timer.current = setTimeout(() => setMessage(''), TOAST_MS);
    }, 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div class="toast" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
