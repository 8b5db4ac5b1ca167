/**
 * The exact bytes of a WeChat Pay notification, which its signature covers. The app's JSON body
 * parser (64 KB) has usually read them already and kept the text; otherwise (another content
 * type) they are read here under the endpoint's own limits.
 */
import type { ParameterizedContext } from 'koa';
import { HttpError } from '../../http/errors';
import { readCapped } from '../../http/raw-body';

export async function readNotificationBody(
  ctx: ParameterizedContext,
  rules: { contentTypes: readonly string[]; maxBytes: number },
): Promise<string> {
  if (!ctx.is(...rules.contentTypes)) throw new HttpError(415, 'unsupported_media_type', '通知应为 JSON');
  const kept = (ctx.request as { rawBody?: unknown }).rawBody;
  if (typeof kept === 'string') return kept;
  const bytes = await readCapped(ctx, rules.maxBytes, `通知内容不能超过 ${Math.round(rules.maxBytes / 1024)} KB`);
  return bytes.toString('utf8');
}
