import { describe, expect, it } from 'vitest';
import { CATALOG } from '@/lib/providers/catalog';
import { presetHostPermissions } from '@/lib/providers/presets';

describe('base-URL presets', () => {
  it("are DESIGN.md's documented hosts, which the manifest is granted", () => {
    expect(
      Object.fromEntries(
        Object.values(CATALOG).map((p) => [p.id, p.baseUrlPresets.map((x) => x.url)]),
      ),
    ).toEqual({
      xoxoday: [
        'https://accounts.xoxoday.com/chef',
        'https://stagingaccount.xoxoday.com/chef',
        'https://stagingstores.xoxoday.com/chef',
        'https://canvas.xoxoday.com/chef',
      ],
      capillary: [
        'https://apac.api.capillarytech.com',
        'https://apac2.api.capillarytech.com',
        'https://eu.api.capillarytech.com',
        'https://us.api.capillarytech.com',
        'https://api.capillarytech.cn.com',
      ],
      wix: ['https://www.wixapis.com'],
      onlinesales: ['https://services.onlinesales.ai'],
    });
    expect(presetHostPermissions()).toHaveLength(11);
    expect(presetHostPermissions()).toContain('https://accounts.xoxoday.com/*');
    // Capillary's China cluster (api-documentation, source/index.html.md).
    expect(presetHostPermissions()).toContain('https://api.capillarytech.cn.com/*');
    expect(presetHostPermissions().every((p) => /^https:\/\/[a-z0-9.-]+\/\*$/.test(p))).toBe(true);
  });
});
