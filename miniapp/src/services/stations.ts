/** 工会驿站: finding, using and (for staff) managing rest stations. */
import Taro from '@tarojs/taro';
import {
  MAX_PHOTO_BYTES,
  MAX_SHEET_BYTES,
  SHEET_CONTENT_TYPES,
  stationAdminEndpoints,
  stationEndpoints,
  stationVisitEndpoints,
  type AmenityCode,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
  type LatLng,
  type StationInput,
} from '@union/shared';
import { ApiError, downloadBinary, request, uploadBinary, type BinaryBody } from './http';

const endpoints = { ...stationEndpoints, ...stationVisitEndpoints, ...stationAdminEndpoints };

/** Answers of station endpoints that the contract does not name, derived from it. */
export type StationArea = EndpointResponse<typeof endpoints.areas>['areas'][number];
export type StationFeedback = EndpointResponse<typeof endpoints.giveFeedback>;
export type CheckInResult = EndpointResponse<typeof endpoints.checkIn>;
export type StationImportResult = EndpointResponse<typeof endpoints.importSheet>;
export type StationImportJob = EndpointResponse<typeof endpoints.importJob>;
export type StationStats = EndpointResponse<typeof endpoints.stats>;

export interface StationFilters {
  amenities: AmenityCode[];
  openNow: boolean;
}

/** The contract's query strings: `amenities=a,b`, `openNow=true`; nothing when a filter is off. */
function filterQuery(filters: StationFilters) {
  return {
    amenities: filters.amenities.length > 0 ? filters.amenities.join(',') : undefined,
    openNow: filters.openNow ? ('true' as const) : undefined,
  };
}

/** Open stations first, each group nearest first: the second card must not be a shut station that is merely nearer. */
export async function findNearbyStations(from: LatLng, radiusMeters: number, filters: StationFilters) {
  const query = {
    lat: from.lat,
    lng: from.lng,
    radius: radiusMeters,
    order: 'openFirst' as const,
    ...filterQuery(filters),
  };
  return (await request(endpoints.nearby, { query })).items;
}

export interface MapBounds {
  southwest: LatLng;
  northeast: LatLng;
}

export function findStationsInView(bounds: MapBounds, filters: StationFilters) {
  const query = {
    minLat: bounds.southwest.lat,
    minLng: bounds.southwest.lng,
    maxLat: bounds.northeast.lat,
    maxLng: bounds.northeast.lng,
    ...filterQuery(filters),
  };
  return request(endpoints.inView, { query });
}

export function fetchStationAreas() {
  return request(endpoints.areas);
}

/** With the rider's position the answer carries distance and travel times. */
export function fetchStation(id: string, from?: LatLng | null) {
  return request(endpoints.detail, { params: { id }, query: from ? { lat: from.lat, lng: from.lng } : {} });
}

export function checkIn(stationCode: string) {
  return request(endpoints.checkIn, { body: { stationCode } });
}

export function giveFeedback(stationId: string, body: EndpointBody<typeof endpoints.giveFeedback>) {
  return request(endpoints.giveFeedback, { params: { id: stationId }, body });
}

/** Photo URLs from the API are paths; the weapp loads them from the BFF's origin. */
export function photoSrc(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${API_BASE}${url}`;
}

// ---- staff -----------------------------------------------------------------

export const STAFF_PAGE_SIZE = 20;

export function fetchStaffStations(query: EndpointQuery<typeof endpoints.staffList>) {
  return request(endpoints.staffList, { query: { limit: STAFF_PAGE_SIZE, ...query } });
}

export function createStation(input: StationInput) {
  return request(endpoints.create, { body: input });
}

export function updateStation(id: string, input: StationInput) {
  return request(endpoints.update, { params: { id }, body: input });
}

export function closeStation(id: string, reason: string) {
  return request(endpoints.close, { params: { id }, body: { reason } });
}

export function reopenStation(id: string) {
  return request(endpoints.reopen, { params: { id } });
}

export function recordWalkIns(id: string, count: number, requestId: string) {
  return request(endpoints.recordWalkIns, { params: { id }, body: { count, requestId } });
}

export async function fetchStationFeedback(id: string) {
  return (await request(endpoints.feedbackList, { params: { id } })).items;
}

/** Feedback and wishes not yet handled at all the keeper's stations, oldest first (the workbench's 驿站评价未回复). */
export function fetchOpenFeedback(cursor?: string) {
  return request(endpoints.openFeedback, { query: { limit: 20, cursor } });
}

export function replyToFeedback(feedbackId: string, reply: string, handled: boolean) {
  return request(endpoints.replyFeedback, { params: { id: feedbackId }, body: { reply, handled } });
}

export function fetchStationStats(query: EndpointQuery<typeof endpoints.stats>) {
  return request(endpoints.stats, { query });
}

/** The check-in poster PNG: a protected binary answer, so fetched with the session like any call. */
export function fetchQrPoster(id: string) {
  return downloadBinary(endpoints.qrPoster, { params: { id } });
}

export function exportStationSheet() {
  return downloadBinary(endpoints.exportSheet);
}

// ---- files -----------------------------------------------------------------

/** A file the user picked, ready to send as the raw request body. */
export interface PickedFile {
  name: string;
  size: number;
  body: BinaryBody;
}

/** A browser File (H5's <input type="file">); fetch sends it as the body without reading it first. */
export function pickedFromBrowser(file: File): PickedFile {
  return { name: file.name, size: file.size, body: file };
}

/** weapp: files live at local paths; the BFF wants their bytes, not a multipart form. */
function readLocalFile(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (res) => resolve(res.data as ArrayBuffer),
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

const baseName = (path: string) => path.split('/').pop() ?? path;

/** weapp: one photo from the album or camera, compressed by WeChat; null when cancelled. */
export async function pickPhotoInWeapp(): Promise<PickedFile | null> {
  let path: string | undefined;
  try {
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    path = chosen.tempFilePaths[0];
  } catch {
    return null;
  }
  if (!path) return null;
  const body = await readLocalFile(path);
  return { name: baseName(path), size: body.byteLength, body };
}

/** weapp: a spreadsheet forwarded into a chat (the only place phones keep office files); null when cancelled. */
export async function pickSheetInWeapp(): Promise<PickedFile | null> {
  let file: { path: string; name: string } | undefined;
  try {
    const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    file = chosen.tempFiles[0];
  } catch {
    return null;
  }
  if (!file) return null;
  const body = await readLocalFile(file.path);
  return { name: file.name || baseName(file.path), size: body.byteLength, body };
}

const PHOTO_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
const SHEET_TYPES: Record<string, string> = { xlsx: SHEET_CONTENT_TYPES[0], csv: SHEET_CONTENT_TYPES[1] };

const extensionOf = (name: string) => (/\.([a-z0-9]+)$/i.exec(name)?.[1] ?? '').toLowerCase();

/** By extension: browsers report .csv as application/vnd.ms-excel on Windows, and weapp reports nothing. */
export function sheetContentType(name: string): string | null {
  return SHEET_TYPES[extensionOf(name)] ?? null;
}

export function photoContentType(name: string): string {
  // WeChat's compressed temp files are JPEG whatever they are called.
  return PHOTO_TYPES[extensionOf(name)] ?? 'image/jpeg';
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
}

export async function uploadStationPhoto(stationId: string, photo: PickedFile) {
  if (photo.size > MAX_PHOTO_BYTES) throw tooLarge(MAX_PHOTO_BYTES);
  return uploadBinary(endpoints.uploadPhoto, {
    params: { id: stationId },
    body: photo.body,
    contentType: photoContentType(photo.name),
  });
}

export function deleteStationPhoto(stationId: string, photoId: string) {
  return request(endpoints.deletePhoto, { params: { id: stationId, photoId } });
}

export async function importStationSheet(sheet: PickedFile, mode: 'dry-run' | 'commit', orgId?: string) {
  const contentType = sheetContentType(sheet.name);
  if (!contentType) throw new ApiError(415, 'unsupported_file', '请选择 .xlsx 或 .csv 格式的表格');
  if (sheet.size > MAX_SHEET_BYTES) throw tooLarge(MAX_SHEET_BYTES);
  const fileName = sheet.name.slice(0, 120);
  return uploadBinary(endpoints.importSheet, { query: { mode, orgId, fileName }, body: sheet.body, contentType });
}

export function fetchStationImportJob(id: string) {
  return request(endpoints.importJob, { params: { id } });
}

export async function recentStationImportJobs() {
  return (await request(endpoints.importJobs)).items;
}
