import { describe, expect, it } from 'vitest';
import { topUpUrlMessage } from '@/lib/account-draft';

describe('topUpUrlMessage', () => {
  it('accepts nothing, an https page and plain http on this computer', () => {
    for (const url of ['', '  ', 'https://pay.example.com/x?y=1', 'http://127.0.0.1:9/top-up']) {
      expect(topUpUrlMessage(url)).toBeUndefined();
    }
  });

  it('says what is wrong with anything else', () => {
    expect(topUpUrlMessage('pay.example.com')).toBe(
      'Enter the full address of the top-up page, such as https://pay.example.com',
    );
    expect(topUpUrlMessage('javascript:alert(1)')).toBe(
      'Enter the full address of the top-up page, such as https://pay.example.com',
    );
    expect(topUpUrlMessage('http://pay.example.com')).toBe(
      'Use https:// for the top-up page. Plain http:// is only allowed for localhost.',
    );
    expect(topUpUrlMessage('https://me:secret@pay.example.com')).toBe(
      'Leave the user name and password out of the top-up page’s address.',
    );
  });
});
