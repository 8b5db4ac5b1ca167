import { Image } from '@tarojs/components';
import { AMENITIES, type AmenityCode } from '@union/shared';
import { base64Encode } from '../../utils/bytes';
import { AMENITY_ICON_SHAPES } from './icons';
import '../station-ui.css';

/** Grey beside a label, the brand red on a chosen chip: an <Image> cannot inherit the text colour. */
const TONE_COLORS = { normal: '#595959', active: '#c8161d' } as const;
export type AmenityIconTone = keyof typeof TONE_COLORS;

const sources = new Map<string, string>();

/**
 * The icon as a base64 data URL: weapp's <Image> shows SVG only that way, H5 shows it as
 * any image, and nothing extra is shipped or fetched. Built once per icon and tone.
 */
export function amenityIconSrc(code: AmenityCode, tone: AmenityIconTone = 'normal'): string {
  const key = `${code}/${tone}`;
  const cached = sources.get(key);
  if (cached) return cached;
  const { icon } = AMENITIES.find((amenity) => amenity.code === code)!;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" ` +
    `stroke="${TONE_COLORS[tone]}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">` +
    `${AMENITY_ICON_SHAPES[icon]}</svg>`;
  // The markup is ASCII, so its characters are its bytes.
  const bytes = Uint8Array.from(svg, (char) => char.charCodeAt(0));
  const src = `data:image/svg+xml;base64,${base64Encode(bytes.buffer)}`;
  sources.set(key, src);
  return src;
}

/** An amenity's icon, sized to sit before its label in a tag or a chip. */
export function AmenityIcon({ code, tone = 'normal' }: { code: AmenityCode; tone?: AmenityIconTone }) {
  return <Image className="amenity-icon" src={amenityIconSrc(code, tone)} mode="aspectFit" data-amenity-icon={code} />;
}
