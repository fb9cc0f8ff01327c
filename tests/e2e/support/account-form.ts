import type { ExtensionPage } from '../../../scripts/lib/extension-page';
import type { Query } from '../../../scripts/lib/page-query';
import type { Simulator } from '../../sim/server';

/** One account as a user types it into the options page's "New account" form. */
export interface AccountEntry {
  simId: string;
  provider: string;
  name: string;
  /** Text inputs (and password inputs) by their visible label. */
  fields: Record<string, string>;
  /** Drop-downs by label: the option's visible text. */
  choices?: Record<string, string>;
}

/** One demo account per provider, with the simulator's fake credentials. */
export function oneOfEachProvider(sim: Simulator): AccountEntry[] {
  const wix = sim.control.account('wix-gold');
  const os = sim.control.account('os-usd');
  const cap = sim.control.account('cap-basic');
  const xoxo = sim.control.account('xoxo-usd');
  if (wix.provider !== 'wix' || os.provider !== 'onlinesales') throw new Error('demo data moved');
  if (cap.provider !== 'capillary' || cap.auth.type !== 'basic') throw new Error('demo data moved');
  if (xoxo.provider !== 'xoxoday') throw new Error('demo data moved');
  return [
    {
      simId: 'xoxo-usd',
      provider: 'Xoxoday Plum',
      name: 'Plum wallet (typed)',
      fields: { 'Access token': xoxo.accessToken },
    },
    {
      simId: 'cap-basic',
      provider: 'Capillary',
      name: 'Capillary points (typed)',
      fields: {
        'API user name': cap.auth.username,
        'API password': cap.auth.password,
        'Customer user id': String(cap.userId),
      },
    },
    {
      simId: 'wix-gold',
      provider: 'Wix Benefit Programs',
      name: 'Wix credits (typed)',
      fields: { 'API key': wix.apiKey, 'Site id': wix.siteId, 'Pool id': wix.poolId },
    },
    {
      simId: 'os-usd',
      provider: 'OnlineSales.ai',
      name: 'Ads wallet (typed)',
      fields: {
        'App token': os.token,
        'Merchant id': os.merchantId,
        'Marketplace client id': String(os.marketplaceClientId),
      },
      choices: { 'Merchant type': os.merchantType === 'seller' ? 'Seller' : 'Brand' },
    },
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A control by its visible label, with or without the "(required)" marker. */
function labelled(label: string, within?: Query): Query {
  return { label: new RegExp(`^${escapeRegExp(label)}( \\(required\\))?$`), within };
}

/** The options page's "New account" form. */
export const NEW_ACCOUNT_FORM: Query = { role: 'form', name: 'New account' };

/** Fills the open "New account" form with the mouse and keyboard, as a user does. */
export async function fillAccountForm(page: ExtensionPage, entry: AccountEntry, baseUrl: string) {
  const form = NEW_ACCOUNT_FORM;
  await page.selectOption(labelled('Provider', form), entry.provider);
  await page.fill(labelled('Name', form), entry.name);
  await page.selectOption(labelled('Base URL', form), 'Custom URL…');
  await page.fill(labelled('Custom base URL', form), baseUrl);
  for (const [label, value] of Object.entries(entry.fields)) {
    await page.fill(labelled(label, form), value);
  }
  for (const [label, option] of Object.entries(entry.choices ?? {})) {
    await page.selectOption(labelled(label, form), option);
  }
}
