/**
 * Reading a QR code from camera pixels (H5 only; loaded on demand by scan-qr.ts).
 *
 * Two decoders, because one is not enough: zxing's detector fails to find about 1 in 55 of
 * our own card codes (version 7, level M), at any size and however sharp, though their data
 * are intact (zxing reads them when told where the code is, and jsQR reads them as they are).
 * A staff member pointing the camera at such a card would wait for a minute until the code
 * changed. zxing reads first (it copes well with blur and glare); jsQR takes the frames it
 * cannot.
 */
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import jsQR from 'jsqr';

/** RGBA pixels, as a canvas's getImageData gives them. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The text of a QR code in the pixels, or null when neither decoder finds one. */
export function readQrFromPixels(pixels: Pixels): string | null {
  return (
    readWithZxing(pixels) ??
    // Our codes are dark on light: no need to try the inverted image as well.
    (jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' })?.data || null)
  );
}

/** zxing alone (exported for the test that pins why jsQR is needed). */
export function readWithZxing({ data, width, height }: Pixels): string | null {
  const luminances = new Uint8ClampedArray(width * height);
  for (let i = 0, at = 0; i < luminances.length; i++, at += 4) {
    // The weights zxing's own canvas source uses.
    luminances[i] = (data[at]! * 299 + data[at + 1]! * 587 + data[at + 2]! * 114) / 1000;
  }
  try {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminances, width, height)));
    return new QRCodeReader().decode(bitmap).getText() || null;
  } catch {
    // No code found in these pixels (zxing signals that by throwing).
    return null;
  }
}
