import type { ExtensionPage } from './extension-page';
import type { Query } from './page-query';

/** The options page's Team channels section and its "New team channel" form. */
export const TEAM_CHANNELS: Query = { css: 'section[aria-labelledby="destinations-heading"]' };
const FORM: Query = { role: 'form', name: 'New team channel', within: TEAM_CHANNELS };

function labelled(label: string): Query {
  return { label: new RegExp(`^${label}( \\(required\\))?$`), within: FORM };
}

export interface TeamChannelEntry {
  name: string;
  /** The type as the form's select shows it: "Slack", "Microsoft Teams", "Discord", "Generic JSON". */
  type: string;
  url: string;
}

/**
 * Adds a team channel the way a user does: Add a channel, fill the form, Save channel; resolves
 * once its row is listed. A loopback URL (the simulator's receiver) needs no permission prompt.
 */
export async function addTeamChannelThroughOptions(
  page: ExtensionPage,
  { name, type, url }: TeamChannelEntry,
): Promise<void> {
  await page.click({ role: 'button', name: 'Add a channel', within: TEAM_CHANNELS });
  await page.fill(labelled('Name'), name);
  await page.selectOption(labelled('Type'), type);
  await page.fill(labelled('Webhook URL'), url);
  await page.click({ role: 'button', name: 'Save channel', within: FORM });
  await page.waitFor({ role: 'listitem', text: name, within: TEAM_CHANNELS });
}
