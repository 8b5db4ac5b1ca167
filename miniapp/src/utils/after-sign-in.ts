// The module alone, not the shared index (zod, the contract): the launch page uses this.
import { stationCheckInPageUrl, stationCodeFromScan } from '@union/shared/station-link';
import { ROUTES, TAB_ROUTES } from '../routes';
import { textParam } from './params';

/** Pages the launch page may continue to: any page of ours except itself and the tabs. */
const RETURNABLE: readonly string[] = Object.values(ROUTES).filter(
  (route) => route !== ROUTES.login && !TAB_ROUTES.includes(route),
);

/**
 * Where the launch page (pages/login) goes once signed in, instead of 首页:
 * - `q`: weapp opened by WeChat's 扫一扫 on a station poster (扫普通链接二维码打开小程序, see
 *   README); WeChat hands the scanned link over percent-encoded, to decode once.
 * - `then`: the page that sent the person to sign in, e.g. H5 check-in from a followed link.
 * Null for anything else, so a crafted link can only ever open one of our own pages.
 */
export function pageAfterSignIn(params: Record<string, string | undefined>): string | null {
  if (params.q) {
    const code = stationCodeFromScan(textParam(params.q));
    return code === null ? null : stationCheckInPageUrl(code);
  }
  const then = textParam(params.then);
  const path = then.split('?')[0] ?? '';
  return RETURNABLE.includes(path) ? then : null;
}

/** The launch page, asked to come back to `url` once signed in. */
export const signInThenOpen = (url: string) => `${ROUTES.login}?then=${encodeURIComponent(url)}`;
