/**
 * Files the API hands out to save (spreadsheets): one content type per kind and one way to
 * name them, a Chinese file name with an ASCII fallback for clients that cannot show it.
 */
import type { ParameterizedContext } from 'koa';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Download {
  bytes: Buffer;
  contentType: string;
  /** What the saved file is called, e.g. `驿站导出-20260315.xlsx`. */
  fileName: string;
  /** For clients that only read `filename=`; by default the file name's ASCII characters. */
  asciiName?: string;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 5987) browsers show. */
export function attachmentDisposition(fileName: string, asciiName = asciiFallback(fileName)): string {
  return `attachment; filename="${asciiName.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function asciiFallback(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '').replace(/^[-_ ]+/, '');
  return ascii.startsWith('.') || ascii === '' ? `download${ascii}` : ascii;
}

/** Sends a file to save; such files carry personal or financial data, so no cache keeps them. */
export function sendDownload(ctx: ParameterizedContext, download: Download): Buffer {
  ctx.type = download.contentType;
  ctx.set('Content-Disposition', attachmentDisposition(download.fileName, download.asciiName));
  ctx.set('Cache-Control', 'no-store');
  return download.bytes;
}
