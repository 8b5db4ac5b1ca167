/**
 * What a station's check-in poster carries, and how any scanned text is read back.
 * The poster's QR is a link, `<PUBLIC_BASE_URL>/s/<code>`, so that WeChat's own 扫一扫
 * opens the mini-program (through the 扫普通链接二维码打开小程序 rule) and any other
 * scanner opens the H5 check-in page. The code itself is `ST1.<stationId>.<signature>`,
 * signed by the BFF (bff/src/modules/station-visits/station-code.ts); older posters and
 * typed codes carry it bare. No `URL` here: the mini-program runtime has none.
 */

/** The link's path before the code; the prefix registered with WeChat ends with it. */
export const STATION_LINK_PATH = '/s/';

/** The page a scanned poster opens, in weapp and (under the hash router) in H5. */
export const STATION_CHECK_IN_PAGE = '/pages-stations/check-in/index';

/** The check-in page for a code, as an in-app URL (the BFF prefixes `/#` for H5's hash router). */
export const stationCheckInPageUrl = (code: string) => `${STATION_CHECK_IN_PAGE}?code=${encodeURIComponent(code)}`;

/** `ST1.<24 hex digits of the station id>.<22 base64url characters of the signature>`. */
export const STATION_CODE_PATTERN = /^ST1\.([0-9a-f]{24})\.([A-Za-z0-9_-]{22})$/;

/** A link (any origin, any path before `/s/`), its code as the last path segment. */
const LINK_PATTERN = /^https?:\/\/[^/?#\s]+(?:\/[^?#\s]*)?\/s\/([^/?#\s]+)\/?(?:[?#]\S*)?$/i;

/** The link printed on a station's poster. */
export function stationCheckInLink(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${STATION_LINK_PATH}${encodeURIComponent(code)}`;
}

/**
 * The station code in what a scanner read or a person typed: a poster link or a bare code,
 * with stray whitespace. Null when the text holds no well-formed code; whether the code is
 * genuine (its signature) only the BFF can tell.
 */
export function stationCodeFromScan(scanned: string): string | null {
  const text = scanned.trim();
  const fromLink = LINK_PATTERN.exec(text)?.[1];
  const code = fromLink === undefined ? text : decodedSegment(fromLink);
  return code !== null && STATION_CODE_PATTERN.test(code) ? code : null;
}

function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
