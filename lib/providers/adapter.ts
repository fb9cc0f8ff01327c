import { CATALOG, type ProviderId } from '@/lib/providers/catalog';
import { accountSchema, asAdapterSchema } from '@/lib/providers/form-schema';
import { providerName } from '@/lib/providers/names';
import type { Provider } from '@/lib/providers/types';

type Methods<C, P> = Pick<
  Provider<C, P>,
  | 'fetchBalance'
  | 'renewCredentials'
  | 'shouldRenew'
  | 'lockoutAt'
  | 'discover'
  | 'batchKey'
  | 'fetchBalances'
> & {
  /** Only when the adapter reshapes what the catalog's schema accepts (Capillary's sign-ins). */
  schema?: Provider<C, P>['schema'];
};

/**
 * An adapter: its catalog entry joined with the methods that call the provider. C and P are the
 * adapter's view of what its catalog fields parse to; its tests parse through the schema.
 */
export function defineAdapter<C, P>(id: ProviderId, methods: Methods<C, P>): Provider<C, P> {
  const entry = CATALOG[id];
  return {
    ...entry,
    ...methods,
    get displayName() {
      return providerName(id);
    },
    schema: methods.schema ?? asAdapterSchema<C, P>(accountSchema(entry)),
  };
}
