/** Labels for the station finder and station management. */
import type { AmenityCode, StationSummary, StationType } from '@union/shared';

export const STATION_TYPE_LABELS: Record<StationType, string> = {
  union_station: '工会驿站',
  outdoor_worker_station: '户外劳动者服务站点',
  love_station: '爱心驿站',
  other: '其他站点',
};

/**
 * Whether staff have the station in service, for staff screens. Deliberately not 开放中/已关闭:
 * beside today's hours (已打烊 · 明天08:00开门) those read as a contradiction.
 */
export const STATION_STATUS_LABELS: Record<StationSummary['status'], string> = { open: '已启用', closed: '已停用' };

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
