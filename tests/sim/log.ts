import type { SimProviderId } from './data/schema';
import type { EndpointKind, FaultType } from './faults';

export interface LoggedRequest {
  seq: number;
  /** Simulator time (the injectable clock), ISO. */
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The query string as sent, repeated parameters included ("poolIds=a&poolIds=b"). */
  search: string;
  /** Lower-cased names, as node gives them. Demo credentials are fake, so nothing is masked. */
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, the raw text otherwise, absent when empty. */
  body?: unknown;
  provider?: SimProviderId;
  endpoint?: EndpointKind | 'preflight' | 'unknown';
  accountId?: string;
  /** Every account a request that reads several named (Wix List Balances). */
  accountIds?: string[];
  status?: number;
  outcome: 'pending' | 'answered' | 'no-answer' | 'reset';
  fault?: FaultType;
}

export interface RequestFilter {
  provider?: SimProviderId;
  account?: string;
  endpoint?: LoggedRequest['endpoint'];
  /** CORS preflights are left out unless asked for (control calls are never logged). */
  includeAll?: boolean;
}

function isFor(entry: LoggedRequest, account: string): boolean {
  return entry.accountId === account || (entry.accountIds?.includes(account) ?? false);
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    this.seq += 1;
    const logged = { ...entry, seq: this.seq };
    this.entries.push(logged);
    return logged;
  }

  clear(): void {
    this.entries = [];
  }

  list(filter: RequestFilter = {}): LoggedRequest[] {
    return this.entries
      .filter((entry) => {
        if (filter.provider && entry.provider !== filter.provider) return false;
        if (filter.account && !isFor(entry, filter.account)) return false;
        if (filter.endpoint) return entry.endpoint === filter.endpoint;
        if (filter.includeAll) return true;
        return entry.endpoint !== 'preflight';
      })
      .map((entry) => structuredClone(entry));
  }
}
