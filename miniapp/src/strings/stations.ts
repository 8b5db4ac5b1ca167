/** Labels and text icons for the station finder and station management. */
import { AMENITIES, type AmenityCode, type StationType } from '@union/shared';

export const STATION_TYPE_LABELS: Record<StationType, string> = {
  union_station: '工会驿站',
  outdoor_worker_station: '户外劳动者服务站点',
  love_station: '爱心驿站',
  other: '其他站点',
};

/** The catalogue's icon names as emoji: no image files to ship, and they render in weapp and browsers. */
const ICON_GLYPHS: Record<(typeof AMENITIES)[number]['icon'], string> = {
  water: '💧',
  microwave: '🍱',
  toilet: '🚻',
  seat: '🪑',
  snowflake: '❄️',
  'phone-charge': '🔋',
  ebike: '🛵',
  'first-aid': '🩹',
  umbrella: '☂️',
  wrench: '🔧',
  needle: '🧵',
  wifi: '📶',
  book: '📚',
  bowl: '🍜',
  shower: '🚿',
};

export function amenityIcon(code: AmenityCode): string {
  const icon = AMENITIES.find((amenity) => amenity.code === code)?.icon;
  return icon ? ICON_GLYPHS[icon] : '';
}

/** What riders look for first, in the order they asked for it (water before a seat). */
export const RIDER_FILTER_AMENITIES: readonly AmenityCode[] = [
  'drinking_water',
  'microwave',
  'toilet',
  'phone_charging',
  'ebike_charging',
  'air_conditioning',
  'seating',
];

export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

export const FEEDBACK_KIND_LABELS = { feedback: '评价', wish: '微心愿' } as const;
export const FEEDBACK_STATUS_LABELS = { open: '待处理', handled: '已处理' } as const;
