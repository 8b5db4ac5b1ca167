/** The rest-station finder: a station's shapes, and the public search, map and detail endpoints. */
import { z } from 'zod';
import { AMENITY_CODES } from '../amenities';
import { DateTimeSchema, ObjectIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { OpeningHoursSchema } from '../opening-hours';

export const STATION_TYPES = ['union_station', 'outdoor_worker_station', 'love_station', 'other'] as const;
export const StationTypeSchema = z.enum(STATION_TYPES, { error: '站点类型不正确' });
export type StationType = z.infer<typeof StationTypeSchema>;

/** `open` serves visitors (within its hours); `closed` is shut by staff until reopened. */
export const StationStatusSchema = z.enum(['open', 'closed']);

export const AmenityCodeSchema = z.enum(AMENITY_CODES, { error: '未知的服务设施' });

/** GCJ-02 coordinates, what WeChat's getLocation and <Map> use. */
export const LatLngSchema = z.object({
  lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
  lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
});
export type LatLng = z.infer<typeof LatLngSchema>;

/** Search radius cap: beyond this a rider is better served by picking a district. */
export const MAX_SEARCH_RADIUS_METERS = 20_000;
export const MAX_NEARBY_RESULTS = 50;
/** Markers drawn in one map view before they are clustered. */
export const MAX_MARKERS_IN_VIEW = 200;

const coordinate = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name}应为数字` })
    .min(min, `${name}应在 ${min} 到 ${max} 之间`)
    .max(max, `${name}应在 ${min} 到 ${max} 之间`);

/** `amenities=toilet,microwave` in a query string. */
const AmenityListQuery = z
  .string()
  .max(400)
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(AmenityCodeSchema).max(AMENITY_CODES.length))
  .optional();

const BooleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

export const NearbyStationsQuerySchema = z.object({
  lat: coordinate('纬度', -90, 90),
  lng: coordinate('经度', -180, 180),
  radius: z.coerce
    .number()
    .int()
    .min(100, '搜索半径至少 100 米')
    .max(MAX_SEARCH_RADIUS_METERS, `搜索半径最多 ${MAX_SEARCH_RADIUS_METERS / 1000} 公里`)
    .default(5000),
  limit: z.coerce.number().int().min(1).max(MAX_NEARBY_RESULTS, `最多返回 ${MAX_NEARBY_RESULTS} 个站点`).default(20),
  amenities: AmenityListQuery.describe('逗号分隔，须全部具备'),
  openNow: BooleanQuery.describe('只看营业中'),
  order: z
    .enum(['distance', 'openFirst'], { error: '排序方式不正确' })
    .default('distance')
    .describe('distance：按距离；openFirst：先列营业中的（按距离），不足数量时再列其余的（按距离）'),
});

export const StationsInViewQuerySchema = z
  .object({
    minLat: coordinate('纬度', -90, 90),
    minLng: coordinate('经度', -180, 180),
    maxLat: coordinate('纬度', -90, 90),
    maxLng: coordinate('经度', -180, 180),
    amenities: AmenityListQuery,
    openNow: BooleanQuery,
  })
  .refine((box) => box.minLat <= box.maxLat, { message: '地图范围不正确', path: ['maxLat'] });

export const StationOpeningSchema = z.object({
  openNow: z.boolean(),
  closingSoon: z.boolean(),
  closesInMinutes: z.number().int().nullable(),
  opensAt: DateTimeSchema.nullable(),
});

export const StationSummarySchema = z.object({
  id: ObjectIdSchema,
  name: z.string(),
  type: StationTypeSchema,
  hostName: z.string().describe('承办单位，如某银行网点'),
  address: z.string(),
  location: LatLngSchema,
  phone: z.string(),
  amenities: z.array(AmenityCodeSchema),
  status: StationStatusSchema,
  opening: StationOpeningSchema,
  distanceMeters: z.number().int().nullable(),
  walkMinutes: z.number().int().nullable(),
  rideMinutes: z.number().int().nullable().describe('电动自行车约 15 公里/小时'),
});
export type StationSummary = z.infer<typeof StationSummarySchema>;

export const NearbyStationsSchema = z.object({ items: z.array(StationSummarySchema) });

export const MapMarkerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('station'),
    id: ObjectIdSchema,
    name: z.string(),
    location: LatLngSchema,
    openNow: z.boolean(),
  }),
  z.object({ kind: z.literal('cluster'), count: z.number().int(), location: LatLngSchema }),
]);
export const StationsInViewSchema = z.object({
  markers: z.array(MapMarkerSchema),
  total: z.number().int().describe('视野内符合条件的站点总数'),
});

/** Photos of stations (and of merchants): checked by their content, not by their name. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const StationPhotoSchema = z.object({ id: z.string(), url: z.string() });

export const StationDetailSchema = StationSummarySchema.extend({
  orgId: ObjectIdSchema,
  orgName: z.string(),
  hours: OpeningHoursSchema,
  photos: z.array(StationPhotoSchema),
  description: z.string(),
});
export type StationDetail = z.infer<typeof StationDetailSchema>;

export const StationDetailQuerySchema = z.object({
  lat: coordinate('纬度', -90, 90).optional(),
  lng: coordinate('经度', -180, 180).optional(),
});

export const StationAreaSchema = z.object({
  orgId: ObjectIdSchema,
  name: z.string(),
  center: LatLngSchema,
  stationCount: z.number().int(),
});
export const StationAreasSchema = z.object({
  areas: z.array(StationAreaSchema).describe('按区县划分；定位不可用时供用户选择'),
  cityCenter: LatLngSchema.nullable(),
});

export const stationEndpoints = {
  nearby: defineEndpoint({
    method: 'get',
    path: '/api/stations/nearby',
    access: 'public',
    tag: '驿站',
    summary: '附近的驿站（按距离排序，可按设施和营业中筛选）',
    query: NearbyStationsQuerySchema,
    response: NearbyStationsSchema,
  }),
  inView: defineEndpoint({
    method: 'get',
    path: '/api/stations/in-view',
    access: 'public',
    tag: '驿站',
    summary: '地图视野内的驿站标记（过多时聚合）',
    query: StationsInViewQuerySchema,
    response: StationsInViewSchema,
  }),
  areas: defineEndpoint({
    method: 'get',
    path: '/api/stations/areas',
    access: 'public',
    tag: '驿站',
    summary: '按区县的驿站分布中心（无法定位时选择区域）',
    response: StationAreasSchema,
  }),
  detail: defineEndpoint({
    method: 'get',
    path: '/api/stations/:id',
    access: 'public',
    tag: '驿站',
    summary: '驿站详情',
    query: StationDetailQuerySchema,
    response: StationDetailSchema,
  }),
};
