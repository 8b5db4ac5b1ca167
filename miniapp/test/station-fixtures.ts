/** Station data for tests, typed by the contract so a contract change breaks them. */
import type { OpeningHours, StationDetail, StationSummary } from '@union/shared';
import type { StationArea } from '../src/services/stations';

export const STATION_ID = '64b7f0c2a1b2c3d4e5f6c001';
export const OTHER_STATION_ID = '64b7f0c2a1b2c3d4e5f6c002';
export const DISTRICT_ID = '64b7f0c2a1b2c3d4e5f60101';

export function stationSummary(overrides: Partial<StationSummary> = {}): StationSummary {
  return {
    id: STATION_ID,
    name: '西溪路工会驿站',
    type: 'union_station',
    hostName: '工商银行西溪支行',
    address: '西湖区西溪路 518 号',
    location: { lat: 30.2741, lng: 120.1351 },
    phone: '0571-88886666',
    amenities: ['drinking_water', 'microwave', 'toilet'],
    status: 'open',
    opening: { openNow: true, closingSoon: true, closesInMinutes: 25, opensAt: null },
    distanceMeters: 347,
    walkMinutes: 6,
    rideMinutes: 2,
    ...overrides,
  };
}

export const WEEKDAYS_9_TO_6: OpeningHours = {
  alwaysOpen: false,
  weekly: [
    [{ open: '09:00', close: '18:00' }],
    [{ open: '09:00', close: '18:00' }],
    [{ open: '09:00', close: '18:00' }],
    [{ open: '09:00', close: '18:00' }],
    [{ open: '09:00', close: '18:00' }],
    [],
    [],
  ],
  exceptions: [],
};

export function stationDetail(overrides: Partial<StationDetail> = {}): StationDetail {
  return {
    ...stationSummary(),
    orgId: DISTRICT_ID,
    orgName: '西湖区总工会',
    hours: WEEKDAYS_9_TO_6,
    photos: [{ id: 'p1', url: '/api/station-photos/64b7f0c2a1b2c3d4e5f6d001' }],
    description: '提供热水、微波炉和休息座椅。',
    ...overrides,
  };
}

export function area(overrides: Partial<StationArea> = {}): StationArea {
  return {
    orgId: DISTRICT_ID,
    name: '西湖区总工会',
    center: { lat: 30.2592, lng: 120.1301 },
    stationCount: 42,
    ...overrides,
  };
}

/** The parsed query string of a request, for asserting what a page asked for. */
export function queryOf(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query));
}
