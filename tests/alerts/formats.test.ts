import { describe, expect, it } from 'vitest';
import type { AccountAlert, AlertAccount, DigestAlert } from '@/lib/alerts/event';
import { webhookBody } from '@/lib/alerts/format';

/** What each service's webhook gets: its own format, saying the same one or two lines. */

const HOUR = 3_600_000;
const AT = Date.UTC(2026, 11, 1, 14, 2);

function wallet(overrides: Partial<AlertAccount> = {}): AlertAccount {
  return {
    accountId: 'a1',
    name: 'Ads wallet',
    provider: 'onlinesales',
    amount: { value: '120', unit: 'USD' },
    threshold: '100',
    thresholdAt: AT + 3 * HOUR,
    zeroAt: AT + 9 * HOUR,
    problem: null,
    topUpUrl: 'https://example.com/wallet',
    ...overrides,
  };
}

const runOut: AccountAlert = { kind: 'run-out', at: AT, account: wallet() };
const low: AccountAlert = {
  kind: 'low',
  at: AT,
  account: wallet({ amount: { value: '80', unit: 'USD' }, thresholdAt: null }),
};
const signIn: AccountAlert = {
  kind: 'sign-in',
  at: AT,
  account: wallet({ problem: 'Invalid API key', topUpUrl: 'https://example.com/wallet' }),
};
const digest: DigestAlert = {
  kind: 'digest',
  at: AT,
  totals: [{ value: '1200', unit: 'USD' }],
  low: [wallet({ name: 'Rewards' })],
  failing: [wallet({ name: 'Points pool' })],
  runningOut: [],
};

describe('Slack incoming webhook', () => {
  it('says account, provider, amount, threshold and forecast, with a Top up button', () => {
    const body = webhookBody('slack', runOut) as { text: string; blocks: unknown[] };
    expect(body.text).toBe(
      'Ads wallet will be low soon\nOnlineSales.ai · $120.00 left · threshold $100.00\n' +
        'Below threshold in ~3h · empty in ~9h',
    );
    expect(body.blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            '*Ads wallet will be low soon*\nOnlineSales.ai · $120.00 left · threshold $100.00\n' +
            'Below threshold in ~3h · empty in ~9h',
        },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Top up' },
            url: 'https://example.com/wallet',
          },
        ],
      },
    ]);
  });

  it('keeps an account name from becoming Slack markup', () => {
    const body = webhookBody('slack', {
      ...low,
      account: { ...low.account, name: '<!channel> & co' },
    }) as { blocks: { text?: { text: string } }[] };
    expect(body.blocks[0]?.text?.text).toContain('*&lt;!channel&gt; &amp; co is low*');
  });

  it('offers no top-up link for a sign-in failure', () => {
    const body = webhookBody('slack', signIn) as { text: string; blocks: unknown[] };
    expect(body.text).toBe(
      "Ads wallet can't be read: its sign-in is refused\nOnlineSales.ai · Invalid API key",
    );
    expect(body.blocks).toHaveLength(1);
  });
});

describe('Microsoft Teams workflow webhook', () => {
  it('posts one Adaptive Card in a message, with an Open URL action to top up', () => {
    const body = webhookBody('teams', low) as {
      type: string;
      attachments: { contentType: string; content: Record<string, unknown> }[];
    };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.content).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.4',
      body: [
        { type: 'TextBlock', text: 'Ads wallet is low', weight: 'Bolder' },
        { type: 'TextBlock', text: 'OnlineSales.ai · $80.00 left · threshold $100.00' },
        { type: 'TextBlock', text: 'Empty in ~9h' },
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'Top up', url: 'https://example.com/wallet' }],
    });
  });
});

describe('Discord webhook', () => {
  it('puts the title in content and the lines in an embed, and pings nobody', () => {
    const body = webhookBody('discord', runOut) as {
      content: string;
      embeds: { description: string; color: number; timestamp: string }[];
      allowed_mentions: unknown;
    };
    expect(body.content).toBe('Ads wallet will be low soon');
    expect(body.embeds[0]?.description).toBe(
      'OnlineSales.ai · $120.00 left · threshold $100.00\nBelow threshold in ~3h · empty in ~9h\n' +
        '[Top up](https://example.com/wallet)',
    );
    expect(body.embeds[0]?.timestamp).toBe('2026-12-01T14:02:00.000Z');
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('generic JSON', () => {
  it('carries version 1, the event, and the account with amounts as decimal strings', () => {
    expect(webhookBody('generic', runOut)).toEqual({
      version: 1,
      event: 'run-out',
      at: '2026-12-01T14:02:00.000Z',
      title: 'Ads wallet will be low soon',
      text: 'OnlineSales.ai · $120.00 left · threshold $100.00\nBelow threshold in ~3h · empty in ~9h',
      account: {
        id: 'a1',
        name: 'Ads wallet',
        provider: 'onlinesales',
        providerName: 'OnlineSales.ai',
        amount: { value: '120', unit: 'USD' },
        threshold: '100',
        thresholdAt: '2026-12-01T17:02:00.000Z',
        zeroAt: '2026-12-01T23:02:00.000Z',
        problem: null,
        topUpUrl: 'https://example.com/wallet',
      },
    });
  });

  it('sends the digest as totals and lists of accounts', () => {
    const body = webhookBody('generic', digest) as Record<string, unknown>;
    expect(body).toMatchObject({
      version: 1,
      event: 'digest',
      title: 'Balance Watch daily digest',
      text: "Totals: $1,200.00\nLow: Rewards · Can't be read: Points pool",
      totals: [{ value: '1200', unit: 'USD' }],
      runningOut: [],
    });
    expect((body.low as { name: string }[]).map((a) => a.name)).toEqual(['Rewards']);
    expect((body.failing as { name: string }[]).map((a) => a.name)).toEqual(['Points pool']);
  });

  it('sends a test message with no account', () => {
    expect(webhookBody('generic', { kind: 'test', at: AT })).toEqual({
      version: 1,
      event: 'test',
      at: '2026-12-01T14:02:00.000Z',
      title: 'Balance Watch test message',
      text: 'This channel is set up: Balance Watch alerts will arrive here.',
    });
  });
});

describe('durations in the forecast', () => {
  it('uses minutes to weeks, never a day for two hours', () => {
    const at = (ms: number) =>
      (
        webhookBody('generic', {
          kind: 'run-out',
          at: AT,
          account: wallet({ thresholdAt: AT + ms, zeroAt: null }),
        }) as { text: string }
      ).text.split('\n')[1];
    expect(at(40 * 60_000)).toBe('Below threshold in ~40m');
    expect(at(2 * HOUR)).toBe('Below threshold in ~2h');
    expect(at(30 * HOUR)).toBe('Below threshold in ~30h');
    expect(at(3 * 24 * HOUR)).toBe('Below threshold in ~3d');
    expect(at(21 * 24 * HOUR)).toBe('Below threshold in ~3w');
  });
});
