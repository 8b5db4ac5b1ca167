import { describe, expect, it } from 'vitest';
import { base64Encode, utf8Decode } from './bytes';

describe('bytes', () => {
  it('decodes UTF-8 with Chinese and four-byte characters', () => {
    const text = '驿站不存在 🚫 ok';
    expect(utf8Decode(new TextEncoder().encode(text))).toBe(text);
  });

  it.each([0, 1, 2, 3, 4, 5, 255, 1000])('base64-encodes %i bytes as the standard alphabet does', (length) => {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) % 256);
    expect(base64Encode(bytes.buffer)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
