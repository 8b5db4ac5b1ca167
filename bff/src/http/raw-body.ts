/**
 * Reads a binary upload (a photo, a spreadsheet) for endpoints that declare `rawBody`.
 * The size is capped while streaming, and the kind is decided by the bytes
 * themselves, never by the file name or the declared content type alone.
 */
import type { ParameterizedContext } from 'koa';
import { HttpError } from './errors';

export type SniffedKind = 'jpeg' | 'png' | 'webp' | 'pdf' | 'xlsx' | 'csv';

const CONTENT_TYPE_KINDS: Record<string, SniffedKind> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
};

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  signature.every((byte, index) => bytes[offset + index] === byte);

/** What the bytes are, judged by their magic numbers (and, for CSV, by being text). */
export function sniffKind(bytes: Buffer): SniffedKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  // xlsx is a zip archive; the workbook parser rejects zips that are not workbooks.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  const sample = bytes.subarray(0, 4096);
  if (sample.length > 0 && !sample.includes(0) && isUtf8Text(sample)) return 'csv';
  return null;
}

function isUtf8Text(sample: Buffer): boolean {
  try {
    // A multi-byte character cut by the end of the sample is fine: streaming holds it back instead of failing.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export interface RawUpload {
  bytes: Buffer;
  kind: SniffedKind;
}

/**
 * How much of a refused upload is still read (and thrown away) past its limit. A client
 * only reads the answer once it has sent its body: cutting the connection mid-upload
 * leaves it with a broken pipe and no 413. Past this bound the connection is given up.
 */
const DRAIN_BYTES = 32 * 1024 * 1024;

export async function readRawUpload(
  ctx: ParameterizedContext,
  rules: { contentTypes: readonly string[]; maxBytes: number },
): Promise<RawUpload> {
  const allowed = new Set(rules.contentTypes.map((type) => CONTENT_TYPE_KINDS[type]).filter(Boolean));
  const unsupported = () =>
    new HttpError(415, 'unsupported_file', `文件类型不支持，请上传 ${describeAllowed(allowed)}`);
  // A JSON body was already read by the app's JSON parser: it is no file, not "nothing was sent".
  if (typeof (ctx.request as { rawBody?: unknown }).rawBody === 'string') throw unsupported();
  const bytes = await readCapped(ctx, rules.maxBytes);
  if (bytes.length === 0) throw new HttpError(400, 'empty_upload', '没有收到文件内容');
  const kind = sniffKind(bytes);
  if (!kind || !allowed.has(kind)) throw unsupported();
  return { bytes, kind };
}

const fileTooLarge = (maxBytes: number) => `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`;

/** The request body, or a 413 once it is past `maxBytes`, answered so the client can read it. */
export async function readCapped(
  ctx: ParameterizedContext,
  maxBytes: number,
  tooLargeMessage = fileTooLarge(maxBytes),
): Promise<Buffer> {
  const declared = Number(ctx.get('Content-Length') || '0');
  let tooLarge = declared > maxBytes;
  if (declared > maxBytes + DRAIN_BYTES) return refuse(ctx, tooLargeMessage);
  const chunks: Buffer[] = [];
  let size = 0;
  // Not `for await` on the request itself: leaving that loop early destroys the request and
  // its socket while the client is still sending, so it never reads the 413.
  for await (const chunk of ctx.req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
    else if (size > maxBytes + DRAIN_BYTES) break;
  }
  if (tooLarge) return refuse(ctx, tooLargeMessage);
  return Buffer.concat(chunks);
}

function refuse(ctx: ParameterizedContext, message: string): never {
  // A body cut short at the drain bound leaves the connection unusable; closing it after
  // every refusal keeps one rule, and a client sending oversize files reconnects anyway.
  ctx.set('Connection', 'close');
  throw new HttpError(413, 'payload_too_large', message);
}

function describeAllowed(kinds: Set<SniffedKind | undefined>): string {
  const names: Record<SniffedKind, string> = {
    jpeg: 'JPG',
    png: 'PNG',
    webp: 'WebP',
    pdf: 'PDF',
    xlsx: 'Excel (.xlsx)',
    csv: 'CSV',
  };
  return [...kinds]
    .filter((kind): kind is SniffedKind => Boolean(kind))
    .map((kind) => names[kind])
    .join('、');
}
