/**
 * The station form's state and its translation to the contract's StationInput.
 * Coordinates are typed as text (and filled by the map picker in weapp), so they
 * stay strings until the form is checked with the same schema the BFF uses.
 */
import {
  StationInputSchema,
  type AmenityCode,
  type OpeningHours,
  type StationDetail,
  type StationInput,
  type StationType,
} from '@union/shared';
import type { ApiError } from '../../../services/http';
import { WEEKDAY_LABELS } from '../../../strings/stations';

export interface StationDraft {
  name: string;
  type: StationType;
  hostName: string;
  address: string;
  lat: string;
  lng: string;
  orgId: string;
  phone: string;
  amenities: AmenityCode[];
  description: string;
  hours: OpeningHours;
}

export type DraftField =
  'name' | 'type' | 'hostName' | 'address' | 'location' | 'orgId' | 'phone' | 'amenities' | 'hours' | 'description';
export type DraftErrors = Partial<Record<DraftField, string>>;

export const DEFAULT_INTERVAL = { open: '09:00', close: '18:00' } as const;

export function emptyDraft(orgId: string): StationDraft {
  return {
    name: '',
    type: 'union_station',
    hostName: '',
    address: '',
    lat: '',
    lng: '',
    orgId,
    phone: '',
    amenities: [],
    description: '',
    // Most stations keep office hours on weekdays; a starting point, not a guess to keep.
    hours: {
      alwaysOpen: false,
      weekly: WEEKDAY_LABELS.map((_, day) => (day < 5 ? [{ ...DEFAULT_INTERVAL }] : [])),
      exceptions: [],
    },
  };
}

export function draftFromStation(station: StationDetail): StationDraft {
  return {
    name: station.name,
    type: station.type,
    hostName: station.hostName,
    address: station.address,
    lat: String(station.location.lat),
    lng: String(station.location.lng),
    orgId: station.orgId,
    phone: station.phone,
    amenities: [...station.amenities],
    description: station.description,
    hours: structuredClone(station.hours),
  };
}

/** `周二：与同一天的其他时段重叠`, `例外日期第 1 条：…`: hours problems name the day they are about. */
export function hoursProblemText(path: readonly (string | number)[], message: string): string {
  const [, part, index] = path;
  if (part === 'weekly' && index !== undefined) return `${WEEKDAY_LABELS[Number(index)] ?? ''}：${message}`;
  if (part === 'exceptions' && index !== undefined) return `例外日期第 ${Number(index) + 1} 条：${message}`;
  return message;
}

function addProblem(errors: DraftErrors, path: readonly (string | number)[], message: string): void {
  const field = String(path[0] ?? '') as DraftField;
  if (!field || errors[field]) return;
  errors[field] = field === 'hours' ? hoursProblemText(path, message) : message;
}

function parseCoordinate(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The input to send, or what to fix first, per field. */
export function checkDraft(draft: StationDraft): { input: StationInput } | { errors: DraftErrors } {
  const lat = parseCoordinate(draft.lat);
  const lng = parseCoordinate(draft.lng);
  const { lat: _lat, lng: _lng, ...rest } = draft;
  const parsed = StationInputSchema.safeParse({
    ...rest,
    location: { lat: lat ?? Number.NaN, lng: lng ?? Number.NaN },
  });
  const errors: DraftErrors = {};
  if (lat === null || lng === null) errors.location = '请在地图上选择位置，或填写经纬度';
  if (!draft.orgId) errors.orgId = '请选择所属工会';
  if (!parsed.success)
    for (const issue of parsed.error.issues) addProblem(errors, issue.path as (string | number)[], issue.message);
  if (Object.keys(errors).length > 0) return { errors };
  return { input: parsed.data as StationInput };
}

/** The BFF's field details (`hours.weekly.1.0`, `orgId`, possibly prefixed `body.`) as form errors. */
export function draftErrorsFromApi(error: ApiError): DraftErrors {
  const errors: DraftErrors = {};
  for (const { path, message } of error.details) {
    addProblem(errors, path.replace(/^body\./, '').split('.'), message);
  }
  return errors;
}
