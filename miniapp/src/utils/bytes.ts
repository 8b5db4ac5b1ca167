/**
 * Byte helpers that work the same in weapp and H5. The weapp runtime cannot be
 * relied on to have TextDecoder, Taro's H5 arrayBufferToBase64 mishandles an
 * ArrayBuffer, and binary API answers (a QR poster, error bodies of image
 * endpoints) arrive as ArrayBuffers.
 */
/** Decodes UTF-8 (Chinese error messages included); malformed sequences become U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  const next = () => (bytes[i++] ?? 0) & 0x3f;
  while (i < bytes.length) {
    const lead = bytes[i++] ?? 0;
    if (lead < 0x80) text += String.fromCharCode(lead);
    else if (lead >= 0xc0 && lead < 0xe0) text += String.fromCharCode(((lead & 0x1f) << 6) | next());
    else if (lead >= 0xe0 && lead < 0xf0) text += String.fromCharCode(((lead & 0x0f) << 12) | (next() << 6) | next());
    else if (lead >= 0xf0 && lead < 0xf8) {
      text += String.fromCodePoint(((lead & 0x07) << 18) | (next() << 12) | (next() << 6) | next());
    } else text += '\ufffd';
  }
  return text;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const triple = (a << 16) | (b << 8) | c;
    parts.push(
      BASE64_ALPHABET[(triple >> 18) & 63]! +
        BASE64_ALPHABET[(triple >> 12) & 63]! +
        (i + 1 < bytes.length ? BASE64_ALPHABET[(triple >> 6) & 63]! : '=') +
        (i + 2 < bytes.length ? BASE64_ALPHABET[triple & 63]! : '='),
    );
  }
  return parts.join('');
}

/** An image's bytes as a data URL, which <Image> shows in weapp and H5 alike. */
export function imageDataUrl(bytes: ArrayBuffer, contentType = 'image/png'): string {
  return `data:${contentType};base64,${base64Encode(bytes)}`;
}
