import type { MessageKey } from '@/lib/i18n';

/**
 * Rules across several credential fields, declared by a catalog entry and checked after each
 * field passed its own check (blank values are absent by then). Plain functions, so the options
 * page runs the same rule as the background without any adapter code.
 */

interface RuleIssue {
  /** The credential field the message is shown at. */
  key: string;
  messageKey: MessageKey;
}

export type CredentialRule = (credentials: Readonly<Record<string, unknown>>) => RuleIssue[];

const given = (credentials: Readonly<Record<string, unknown>>, key: string) =>
  credentials[key] !== undefined;

/**
 * Either every field of the set or none (Xoxoday's renewal: half a setup would silently never
 * renew). The set maps each field to the message shown when it is the one missing.
 */
export function allOrNone(set: Readonly<Record<string, MessageKey>>): CredentialRule {
  const fields = Object.entries(set);
  return (credentials) => {
    const missing = fields.filter(([key]) => !given(credentials, key));
    if (missing.length === 0 || missing.length === fields.length) return [];
    return missing.map(([key, messageKey]) => ({ key, messageKey }));
  };
}

/**
 * Exactly one of several sign-ins (Capillary: user name and password, or client key and
 * secret): the one begun must be complete, and only one may be begun. Each sign-in maps its
 * fields to the message shown when that field is missing.
 */
export function oneSignIn(
  signIns: readonly Readonly<Record<string, MessageKey>>[],
  messages: {
    /** Parts of two sign-ins were given. */
    both: RuleIssue;
    /** Nothing was given. */
    none: RuleIssue;
  },
): CredentialRule {
  return (credentials) => {
    const begun = signIns.filter((set) => Object.keys(set).some((key) => given(credentials, key)));
    const [only, ...others] = begun;
    if (!only) return [messages.none];
    if (others.length > 0) return [messages.both];
    return Object.entries(only)
      .filter(([key]) => !given(credentials, key))
      .map(([key, messageKey]) => ({ key, messageKey }));
  };
}
