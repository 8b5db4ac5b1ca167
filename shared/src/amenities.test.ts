import { describe, expect, it } from 'vitest';
import { AMENITIES, AMENITY_CODES, amenityFromText, amenityLabel } from './amenities';

describe('the amenity catalogue', () => {
  it('has unique codes, each with its own label and an icon', () => {
    expect(new Set(AMENITY_CODES).size).toBe(AMENITIES.length);
    expect(new Set(AMENITIES.map((amenity) => amenity.label)).size).toBe(AMENITIES.length);
    for (const amenity of AMENITIES) {
      expect(amenity.label.trim()).not.toBe('');
      expect(amenity.icon.trim()).not.toBe('');
      expect(amenityLabel(amenity.code)).toBe(amenity.label);
    }
  });

  it('lists the amenities riders ask for most', () => {
    for (const label of ['饮水', '热饭/微波炉', '卫生间', '休息座椅', '空调', '手机充电', '电动车充电']) {
      expect(AMENITIES.map((amenity) => amenity.label)).toContain(label);
    }
  });
});

describe('amenityFromText', () => {
  it('reads every label and every code', () => {
    for (const amenity of AMENITIES) {
      expect(amenityFromText(amenity.label)).toBe(amenity.code);
      expect(amenityFromText(amenity.code)).toBe(amenity.code);
    }
  });

  it('reads the spellings union offices use in their sheets', () => {
    expect(amenityFromText('微波炉')).toBe('microwave');
    expect(amenityFromText('热饭')).toBe('microwave');
    expect(amenityFromText('厕所')).toBe('toilet');
    expect(amenityFromText('热水')).toBe('drinking_water');
    expect(amenityFromText('电瓶车充电')).toBe('ebike_charging');
    expect(amenityFromText('雨伞')).toBe('rain_gear');
    expect(amenityFromText('WiFi')).toBe('wifi');
    expect(amenityFromText('书籍')).toBe('books');
  });

  it('ignores spaces around the text', () => {
    expect(amenityFromText('  卫生间 ')).toBe('toilet');
    expect(amenityFromText('\t空调\n')).toBe('air_conditioning');
    expect(amenityFromText(' shower ')).toBe('shower');
  });

  it('answers null for anything it does not know', () => {
    expect(amenityFromText('游泳池')).toBeNull();
    expect(amenityFromText('')).toBeNull();
    expect(amenityFromText('   ')).toBeNull();
    expect(amenityFromText('卫 生 间')).toBeNull();
    // Names of object properties must not pass for amenities.
    expect(amenityFromText('toString')).toBeNull();
    expect(amenityFromText('constructor')).toBeNull();
  });
});
