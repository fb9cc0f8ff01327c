import type { ComponentProps } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type FormModule = typeof import('@/components/options/AccountForm');

let loading: Promise<FormModule> | undefined;

/**
 * The account form's code (its field rules and their zod checks, the pool finder) loads when a
 * form first opens, or when the page is idle after its paint, not with the page: the list of
 * accounts needs none of it to paint.
 */
export function loadAccountForm(): Promise<FormModule> {
  loading ??= import('@/components/options/AccountForm');
  return loading;
}

/** The form once its code is there (at once after the first time). */
export function LazyAccountForm(props: ComponentProps<FormModule['AccountForm']>) {
  const [form, setForm] = useState<FormModule | null>(null);
  useEffect(() => {
    let alive = true;
    loadAccountForm().then((loaded) => {
      if (alive) setForm(loaded);
    });
    return () => {
      alive = false;
    };
  }, []);
  return form ? <form.AccountForm {...props} /> : null;
}
