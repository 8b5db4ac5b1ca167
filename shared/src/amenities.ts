/**
 * The fixed amenity catalogue of rest stations. Codes are stored and sent; labels are
 * what riders read and what union offices write in their spreadsheets, so both the
 * mini-program and the BFF's sheet import use this one list.
 */
export const AMENITIES = [
  { code: 'drinking_water', label: '饮水', icon: 'water' },
  { code: 'microwave', label: '热饭/微波炉', icon: 'microwave' },
  { code: 'toilet', label: '卫生间', icon: 'toilet' },
  { code: 'seating', label: '休息座椅', icon: 'seat' },
  { code: 'air_conditioning', label: '空调', icon: 'snowflake' },
  { code: 'phone_charging', label: '手机充电', icon: 'phone-charge' },
  { code: 'ebike_charging', label: '电动车充电', icon: 'ebike' },
  { code: 'first_aid', label: '急救药箱', icon: 'first-aid' },
  { code: 'rain_gear', label: '应急雨具', icon: 'umbrella' },
  { code: 'repair_tools', label: '维修工具', icon: 'wrench' },
  { code: 'sewing_kit', label: '针线包', icon: 'needle' },
  { code: 'wifi', label: '无线网络', icon: 'wifi' },
  { code: 'books', label: '图书', icon: 'book' },
  { code: 'discounted_meals', label: '优惠餐', icon: 'bowl' },
  { code: 'shower', label: '淋浴', icon: 'shower' },
] as const;

export type AmenityCode = (typeof AMENITIES)[number]['code'];
export const AMENITY_CODES = AMENITIES.map((amenity) => amenity.code) as [AmenityCode, ...AmenityCode[]];

const byLabel = new Map<string, AmenityCode>(AMENITIES.map((amenity) => [amenity.label, amenity.code]));
/** Spellings union offices use in their sheets for the same amenity. */
const ALIASES: Record<string, AmenityCode> = {
  饮用水: 'drinking_water',
  热水: 'drinking_water',
  微波炉: 'microwave',
  热饭: 'microwave',
  厕所: 'toilet',
  座椅: 'seating',
  充电: 'phone_charging',
  电瓶车充电: 'ebike_charging',
  药箱: 'first_aid',
  雨具: 'rain_gear',
  雨伞: 'rain_gear',
  工具: 'repair_tools',
  WiFi: 'wifi',
  wifi: 'wifi',
  书籍: 'books',
  阅读: 'books',
};

/** The amenity a sheet cell names (a label, an alias or a code), or null. */
export function amenityFromText(text: string): AmenityCode | null {
  const cleaned = text.trim();
  if ((AMENITY_CODES as readonly string[]).includes(cleaned)) return cleaned as AmenityCode;
  // hasOwn: a cell reading "constructor" must not find Object.prototype's members.
  return byLabel.get(cleaned) ?? (Object.hasOwn(ALIASES, cleaned) ? ALIASES[cleaned]! : null);
}

export function amenityLabel(code: AmenityCode): string {
  return AMENITIES.find((amenity) => amenity.code === code)!.label;
}
