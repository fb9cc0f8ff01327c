import { describe, expect, it } from 'vitest';
import { checkDestinationDraft } from '@/lib/alerts/destination-draft';
import { checkDestinationUrl, urlHint } from '@/lib/alerts/destination-url';

const SLACK = 'https://hooks.slack.com/services/T000/B000/XXXXa1b2';
const DISCORD = 'https://discord.com/api/webhooks/123/abc';
const TEAMS =
  'https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x';
const TEAMS_PP =
  'https://default1234.56.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/abc/triggers/manual/paths/invoke?sig=x';

function message(type: Parameters<typeof checkDestinationUrl>[0], url: string) {
  const checked = checkDestinationUrl(type, url);
  return checked.ok ? 'ok' : checked.message;
}

describe('webhook URL for a destination type', () => {
  it("accepts each service's own URL, with the permission pattern of its origin", () => {
    expect(checkDestinationUrl('slack', SLACK)).toEqual({
      ok: true,
      url: SLACK,
      pattern: 'https://hooks.slack.com/*',
      loopback: false,
    });
    expect(message('discord', DISCORD)).toBe('ok');
    expect(message('discord', 'https://discordapp.com/api/webhooks/1/x')).toBe('ok');
    expect(message('teams', TEAMS)).toBe('ok');
    expect(message('teams', TEAMS_PP)).toBe('ok');
    expect(message('generic', 'https://example.com/hook')).toBe('ok');
  });

  it('names the right type when the URL is another service’s', () => {
    expect(message('teams', SLACK)).toBe('This is a Slack webhook URL; choose Slack as the type.');
    expect(message('slack', DISCORD)).toBe(
      'This is a Discord webhook URL; choose Discord as the type.',
    );
    expect(message('discord', TEAMS)).toBe(
      'This is a Microsoft Teams webhook URL; choose Microsoft Teams as the type.',
    );
  });

  it('says what a URL of the type looks like when it is nobody’s', () => {
    expect(message('slack', 'https://example.com/hook')).toBe(
      'A Slack incoming webhook URL starts with https://hooks.slack.com/services/',
    );
    expect(message('slack', 'https://hooks.slack.com/triggers/x')).toContain('hooks.slack.com');
    expect(message('teams', 'https://outlook.webhook.office.com/webhookb2/x')).toContain(
      'Office 365 connector',
    );
  });

  it('takes https only, plain http only to this computer (for every type)', () => {
    expect(message('generic', 'http://example.com/hook')).toBe(
      'Use an https:// URL. Plain http works only for this computer (localhost, 127.0.0.1).',
    );
    for (const type of ['slack', 'teams', 'discord', 'generic'] as const) {
      expect(checkDestinationUrl(type, 'http://127.0.0.1:8787/webhooks/a')).toMatchObject({
        ok: true,
        loopback: true,
      });
    }
    expect(message('generic', 'http://localhost:1/x')).toBe('ok');
    expect(message('generic', 'http://[::1]:1/x')).toBe('ok');
    expect(message('generic', 'ftp://example.com/x')).toBe(
      'Enter the webhook URL, starting with https://',
    );
    expect(message('generic', 'https://user:pw@example.com/x')).toBe(
      'Leave the user name and password out of the URL.',
    );
  });

  it('hints at a URL by its host and last characters only', () => {
    expect(urlHint(SLACK)).toBe('hooks.slack.com/…/a1b2');
  });
});

describe('team channel form', () => {
  const draft = { name: 'Finance', type: 'slack' as const, events: ['low' as const], url: SLACK };

  it('needs a name, at least one event and, for a new one, a URL', () => {
    expect(checkDestinationDraft({ ...draft, name: ' ' }, true).errors).toEqual([
      { field: 'name', message: 'Give the channel a name (up to 80 characters).' },
    ]);
    expect(checkDestinationDraft({ ...draft, events: [] }, true).errors[0]?.field).toBe('events');
    expect(checkDestinationDraft({ ...draft, url: '' }, true).errors[0]?.field).toBe('url');
    // An edit without a URL keeps the stored one.
    expect(checkDestinationDraft({ ...draft, url: '' }, false).errors).toEqual([]);
  });

  it('refuses a Slack URL entered as Teams, on the URL field', () => {
    expect(checkDestinationDraft({ ...draft, type: 'teams' }, true).errors).toEqual([
      { field: 'url', message: 'This is a Slack webhook URL; choose Slack as the type.' },
    ]);
  });
});
