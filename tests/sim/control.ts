import type { SimAccount, SimProviderId } from './data/schema';
import type { Fault, FaultInput, FaultTarget } from './faults';
import type { LoggedRequest, RequestFilter } from './log';
import { PROVIDER_ERRORS } from './providers';
import { jsonReply, type Reply } from './reply';
import type { SimRequest } from './route';
import { buildSettingsFile, type SettingsFile } from './settings';
import type { SimState } from './state';
import { handleWebhookControl, WebhookReceiver } from './webhooks';

export const CONTROL_PREFIX = '/__sim/';

interface AccountSummary {
  id: string;
  provider: SimProviderId;
  name: string;
  /** The primary amount right now (after decay). */
  balance: string;
  ratePerHour: string;
  lowThreshold?: string;
  credentials: Record<string, unknown>;
}

/** What tests, the demo and the benchmark use to steer a running simulator. */
export interface SimControl {
  requests(filter?: RequestFilter): LoggedRequest[];
  clearRequests(): void;
  /** `null` clears the fault at that target. */
  setFault(target: FaultTarget, fault: FaultInput | null): void;
  clearFaults(): void;
  faults(): { target: string; fault: Fault; remaining?: number }[];
  /** Sets the primary amount from now on, and optionally how fast it falls. */
  setBalance(accountId: string, balance: string, ratePerHour?: string): void;
  /** Changes any data field of an account (reserved, promised points, tokens...), validated. */
  updateAccount(accountId: string, patch: Record<string, unknown>): void;
  balance(accountId: string): string;
  /** A copy of one account's current data (tokens as rotated, balance as last set). */
  account(accountId: string): SimAccount;
  accounts(): AccountSummary[];
  /** Moves simulator time on: balances decay, tokens expire. */
  advanceTime(ms: number): void;
  now(): number;
  /** Back to the loaded data; clears faults, tokens, the log and the time offset. */
  reset(): void;
  settingsFile(): SettingsFile;
  /** The webhook receiver at /webhooks/<name> (tests/sim/webhooks.ts); reset() clears it. */
  webhooks: WebhookReceiver;
}

export function createControl(state: SimState, baseUrl: () => string): SimControl {
  const account = (id: string) => {
    const found = state.get(id);
    if (!found) throw new Error(`no account ${id}`);
    return found;
  };
  const webhooks = new WebhookReceiver();
  return {
    webhooks,
    requests: (filter) => state.log.list(filter),
    clearRequests: () => state.log.clear(),
    setFault: (target, fault) => {
      const provider = target.account ? account(target.account).data.provider : target.provider;
      if (fault?.type === 'documented') checkDocumented(provider, fault.name);
      state.faults.set(target, fault);
    },
    clearFaults: () => state.faults.clear(),
    faults: () => state.faults.list(),
    setBalance: (id, balance, ratePerHour) => {
      state.update(id, ratePerHour === undefined ? { balance } : { balance, ratePerHour });
    },
    updateAccount: (id, patch) => {
      state.update(id, patch);
    },
    balance: (id) => state.primary(account(id)).toFixed(),
    account: (id) => structuredClone(account(id).data),
    accounts: () =>
      state.list().map((runtime) => {
        const file = buildSettingsFile([runtime.data], baseUrl()).accounts[0];
        return {
          id: runtime.data.id,
          provider: runtime.data.provider,
          name: runtime.data.name,
          balance: state.primary(runtime).toFixed(),
          ratePerHour: runtime.data.ratePerHour,
          lowThreshold: runtime.data.lowThreshold,
          credentials: file?.credentials ?? {},
        };
      }),
    advanceTime: (ms) => state.advance(ms),
    now: () => state.now(),
    reset: () => {
      state.reset();
      webhooks.clear();
    },
    settingsFile: () =>
      buildSettingsFile(
        state.list().map((runtime) => runtime.data),
        baseUrl(),
      ),
  };
}

/** A documented answer belongs to one provider: refuse a name it does not document. */
function checkDocumented(provider: SimProviderId | undefined, name: string): void {
  if (!provider) throw new Error('a documented answer needs an account or provider target');
  const names = Object.keys(PROVIDER_ERRORS[provider].documented);
  if (!names.includes(name)) {
    throw new Error(`${provider} documents no ${name}; it documents ${names.join(', ')}`);
  }
}

function body(req: SimRequest): Record<string, unknown> {
  if (typeof req.json !== 'object' || req.json === null || Array.isArray(req.json)) {
    throw new Error('expected a JSON object body');
  }
  return req.json as Record<string, unknown>;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${name} must be a string`);
  return value;
}

function filterFrom(query: URLSearchParams): RequestFilter {
  return {
    provider: (query.get('provider') ?? undefined) as SimProviderId | undefined,
    account: query.get('account') ?? undefined,
    endpoint: (query.get('endpoint') ?? undefined) as RequestFilter['endpoint'],
    includeAll: query.get('all') === '1' || query.get('all') === 'true',
  };
}

/** The control API over HTTP, for browser tests that cannot reach the in-process object. */
export function handleControl(req: SimRequest, control: SimControl): Reply {
  const route = `${req.method} ${req.path.slice(CONTROL_PREFIX.length - 1)}`;
  try {
    const webhookReply = handleWebhookControl(route, req, control.webhooks);
    if (webhookReply) return webhookReply;
    switch (route) {
      case 'GET /state':
        return jsonReply(200, {
          now: new Date(control.now()).toISOString(),
          accounts: control.accounts(),
          faults: control.faults(),
        });
      case 'GET /requests':
        return jsonReply(200, { requests: control.requests(filterFrom(req.query)) });
      case 'DELETE /requests':
        control.clearRequests();
        return jsonReply(200, { ok: true });
      case 'POST /fault': {
        const { account, provider, fault } = body(req);
        control.setFault(
          {
            account: optionalString(account, 'account'),
            provider: optionalString(provider, 'provider') as SimProviderId | undefined,
          },
          (fault ?? null) as FaultInput | null,
        );
        return jsonReply(200, { ok: true, faults: control.faults() });
      }
      case 'DELETE /faults':
        control.clearFaults();
        return jsonReply(200, { ok: true });
      case 'POST /balance': {
        const { account, ...patch } = body(req);
        const id = optionalString(account, 'account');
        if (!id) throw new Error('account is required');
        control.updateAccount(id, patch);
        return jsonReply(200, { ok: true, balance: control.balance(id) });
      }
      case 'POST /time': {
        const { advanceMs } = body(req);
        if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs)) {
          throw new Error('advanceMs must be a number');
        }
        control.advanceTime(advanceMs);
        return jsonReply(200, { ok: true, now: new Date(control.now()).toISOString() });
      }
      case 'POST /reset':
        control.reset();
        return jsonReply(200, { ok: true });
      case 'GET /settings':
        return jsonReply(200, control.settingsFile());
      default:
        return jsonReply(404, { error: `no control route ${route}` });
    }
  } catch (error) {
    return jsonReply(400, { error: error instanceof Error ? error.message : String(error) });
  }
}
