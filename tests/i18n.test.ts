import { describe, expect, it } from 'vitest';
import { t } from '../lib/i18n';

describe('t', () => {
  it('looks text up in the shipped English messages', () => {
    expect(t('extName')).toBe('Balance Watch');
  });
});
