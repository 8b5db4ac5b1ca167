/**
 * Following a poster's link outside WeChat (`<PUBLIC_BASE_URL>/s/<code>`): the browser is
 * sent to the H5 check-in page, which signs the rider in if needed and checks in. Inside
 * WeChat the registered 扫普通链接二维码打开小程序 rule opens the mini-program instead, and
 * WeChat first checks that we own the prefix by fetching a verification file from under it.
 */
import type { Middleware } from 'koa';
import { stationCheckInPageUrl, stationCodeFromScan } from '@union/shared';

/** The H5 page (hash router) a followed link lands on, or null when the segment is no code. */
export function checkInPageFor(segment: string): string | null {
  const code = stationCodeFromScan(segment);
  return code === null ? null : `/#${stationCheckInPageUrl(code)}`;
}

/** WECHAT_LINK_VERIFY_FILE (`<name>.txt:<content>`) split in two. */
export function linkVerificationFile(setting: string | undefined): { name: string; content: string } | null {
  if (!setting) return null;
  const at = setting.indexOf(':');
  return { name: setting.slice(0, at), content: setting.slice(at + 1) };
}

/** `GET <STATION_LINK_PATH>:segment`: WeChat's verification file, or a redirect to the check-in page. */
export function followPosterLink(verifyFileSetting: string | undefined): Middleware {
  const verificationFile = linkVerificationFile(verifyFileSetting);
  return async (ctx, next) => {
    const segment = (ctx.params as { segment?: string }).segment ?? '';
    if (verificationFile && segment === verificationFile.name) {
      ctx.type = 'text/plain';
      ctx.body = verificationFile.content;
      return;
    }
    const page = checkInPageFor(segment);
    if (!page) return next();
    // Each scan is a new check-in: no browser may replay a cached answer.
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(page);
  };
}
