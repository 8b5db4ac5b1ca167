/**
 * The exact bytes of a WeChat Pay notification, which its signature covers. The app's JSON body
 * parser (64 KB) has usually read them already and kept the text; otherwise (another content
 * type) they are read here under the endpoint's own limits.
 */
import type { ParameterizedContext } from 'koa';
import { HttpError } from '../../http/errors';

export async function readNotificationBody(
  ctx: ParameterizedContext,
  rules: { contentTypes: readonly string[]; maxBytes: number },
): Promise<string> {
  if (!ctx.is(...rules.contentTypes)) throw new HttpError(415, 'unsupported_media_type', '通知应为 JSON');
  const kept = (ctx.request as { rawBody?: unknown }).rawBody;
  if (typeof kept === 'string') return kept;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > rules.maxBytes) throw new HttpError(413, 'payload_too_large', '通知内容过大');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
