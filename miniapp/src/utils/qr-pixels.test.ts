import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { readQrFromPixels, readWithZxing, type Pixels } from './qr-pixels';

/** A card token as the card page shows it, drawn the way qrImageDataUrl draws it (level M, 8 px a module). */
function cardQrPixels(text: string, modulePixels = 8, quietModules = 4): Pixels {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const modules = qr.getModuleCount();
  const width = (modules + 2 * quietModules) * modulePixels;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let row = 0; row < modules; row++) {
    for (let column = 0; column < modules; column++) {
      if (!qr.isDark(row, column)) continue;
      for (let y = 0; y < modulePixels; y++) {
        for (let x = 0; x < modulePixels; x++) {
          const at =
            (((row + quietModules) * modulePixels + y) * width + (column + quietModules) * modulePixels + x) * 4;
          data[at] = data[at + 1] = data[at + 2] = 0;
        }
      }
    }
  }
  return { data, width, height: width };
}

// A development card token that a CI run's camera scan could not read for 15 seconds.
const UNREADABLE_BY_ZXING =
  'UC1.57c77d905eed000000000057.1796612791.1796612851.dev1.a5Arhi0voeBMcgyPNq6m8N5UQwmbugJ6SFbx0OKt4uCk8CJB8l28VhuvkaSsHimUvLZlnO9sH5zj1eLLGJRsBA';
const ORDINARY = UNREADABLE_BY_ZXING.replace('dev1.a5', 'dev1.b5');

describe('reading a QR code from camera pixels', () => {
  it('reads a card code whose finder patterns zxing cannot locate, at every size', () => {
    for (const modulePixels of [3, 4, 6, 8]) {
      const pixels = cardQrPixels(UNREADABLE_BY_ZXING, modulePixels);
      expect(readWithZxing(pixels), `${modulePixels} px a module`).toBeNull();
      expect(readQrFromPixels(pixels)).toBe(UNREADABLE_BY_ZXING);
    }
  });

  it('reads an ordinary card code, with zxing', () => {
    const pixels = cardQrPixels(ORDINARY);
    expect(readWithZxing(pixels)).toBe(ORDINARY);
    expect(readQrFromPixels(pixels)).toBe(ORDINARY);
  });

  it('finds nothing in a blank frame', () => {
    const blank = { data: new Uint8ClampedArray(320 * 240 * 4).fill(255), width: 320, height: 240 };
    expect(readQrFromPixels(blank)).toBeNull();
  });
});
