import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { changeLines, importErrorText } from '@/components/options/import-text';

/** The import's words for run-out leads: the form's labels, and hours. */

beforeEach(() => {
  fakeBrowser.reset();
});

describe('an import’s run-out leads', () => {
  it('says a changed default in hours, and "None" for no warnings', () => {
    const preview = {
      settings: { runOutLeadHours: 12 },
      settingsBefore: { runOutLeadHours: 24 },
      accounts: [],
      skipped: [],
      invalid: 0,
      channels: [],
      skippedChannels: [],
    };
    expect(changeLines(preview)).toEqual(['Warn before it runs low: 24 hours → 12 hours']);
    const off = { ...preview, settings: { runOutLeadHours: null } };
    expect(changeLines(off)).toEqual(['Warn before it runs low: 24 hours → None']);
  });

  it('names a bad lead by the form’s labels', () => {
    const message =
      'Enter how many hours ahead to warn, like 24, or leave it empty for the default.';
    expect(importErrorText({ account: 'Ads EU', field: 'runOutLeadHours', message })).toBe(
      `Ads EU, Warn this many hours before it runs low: ${message}`,
    );
    expect(importErrorText({ field: 'settings.runOutLeadHours', message: 'x' })).toBe(
      'Warn before it runs low: x',
    );
  });
});
