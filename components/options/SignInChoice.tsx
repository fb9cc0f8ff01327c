import { t } from '@/lib/i18n';
import type { CatalogEntry } from '@/lib/providers/catalog';

interface Props {
  provider: CatalogEntry;
  idPrefix: string;
  /** The chosen sign-in's index in `provider.signIns`. */
  chosen: number;
  onChoose: (index: number) => void;
}

/**
 * "Sign in with: API user and password / OAuth client" for a provider whose credential rule
 * takes exactly one of several sign-ins (the catalog's `signIns`, the sets of its oneSignIn
 * rule): the form then shows only the chosen sign-in's fields.
 */
export function SignInChoice({ provider, idPrefix, chosen, onChoose }: Props) {
  if (!provider.signIns) return null;
  const name = `${idPrefix}-signin`;
  return (
    <fieldset class="field signin-choice">
      <legend>{t('options_signin_label')}</legend>
      {provider.signIns.map((option, index) => (
        <div class="field-check" key={option.labelKey}>
          <input
            id={`${name}-${index}`}
            type="radio"
            name={name}
            checked={chosen === index}
            onChange={() => onChoose(index)}
          />
          <label for={`${name}-${index}`}>{t(option.labelKey)}</label>
        </div>
      ))}
    </fieldset>
  );
}
