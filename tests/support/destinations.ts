import type { Destination } from '@/lib/alerts/destination';

/** A stored team channel as the destinations writer keeps it: "Finance" on Slack, healthy. */
export function storedDestination(overrides: Partial<Destination> = {}): Destination {
  return {
    id: 'd1',
    name: 'Finance',
    type: 'slack',
    events: ['low'],
    enabled: true,
    urlHint: 'hooks.slack.com/…/XYZ9',
    lastOkAt: null,
    failures: 0,
    lastError: null,
    disabledReason: null,
    ...overrides,
  };
}
