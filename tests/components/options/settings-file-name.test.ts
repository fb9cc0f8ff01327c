import { describe, expect, it } from 'vitest';
import { settingsFileName } from '@/components/options/settings-file-name';

describe('settingsFileName', () => {
  it('names the file with the date', () => {
    expect(settingsFileName(new Date('2025-03-04T10:00:00Z'))).toBe(
      'balance-watch-settings-2025-03-04.json',
    );
  });
});
