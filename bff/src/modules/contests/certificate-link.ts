/**
 * Following a certificate's QR (`<PUBLIC_BASE_URL>/c/<code>`): the browser is sent to the H5
 * verification page, which asks GET /api/certificates/verify. Anything that is not a
 * well-formed code falls through to 404.
 */
import type { Middleware } from 'koa';
import { certificateVerifyPageUrl } from '@union/shared';

const CODE_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export function followCertificateLink(): Middleware {
  return async (ctx, next) => {
    const code = (ctx.params as { code?: string }).code ?? '';
    if (!CODE_SHAPE.test(code)) return next();
    ctx.redirect(`/#${certificateVerifyPageUrl(code)}`);
  };
}
