/**
 * Benchmark only: a seeded national dataset of stations, clustered around ~300 city
 * centres with rural scatter, built straight into memory (the embedded database is
 * far too slow to load 200,000 documents, and the benchmark measures search, not
 * loading). The same seed gives the same stations and city centres in the BFF and
 * in `pnpm bench`, which sends riders to those centres.
 */
import { AMENITY_CODES, STATION_TYPES, type LatLng, type OpeningHours } from '@union/shared';
import { createRandom, type Random } from '../../seeded-random';
import { indexStation, InternPool, type IndexedStation } from './indexed-station';

export const BENCH_SEED = 20_260_301;
export const CITY_COUNT = 300;
/** No organisation tree comes with the generated stations; one made-up owner holds them all. */
const BENCH_ORG_ID = 'b'.repeat(24);

/** Mainland China, roughly: where rural stations are scattered. */
export const CHINA_BOUNDS = { minLat: 18.2, maxLat: 53.5, minLng: 73.5, maxLng: 134.8 };

export interface CityCentre extends LatLng {
  /** Share of the city stations that belong to this city. */
  weight: number;
  /** Typical distance of a station from the centre. */
  spreadKm: number;
}

const KM_PER_DEGREE = 111.32;

/** Moves a point by a distance and bearing on a locally flat Earth (good to a few km). */
export function offsetKm(from: LatLng, km: number, bearing: number): LatLng {
  return {
    lat: from.lat + (km * Math.cos(bearing)) / KM_PER_DEGREE,
    lng: from.lng + (km * Math.sin(bearing)) / (KM_PER_DEGREE * Math.cos((from.lat * Math.PI) / 180)),
  };
}

/** A normally distributed number (Box–Muller). */
export function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** Most cities lie in the east; a few big ones carry most stations (Zipf-like weights). */
export function generateCityCentres(seed = BENCH_SEED, count = CITY_COUNT): CityCentre[] {
  const random = createRandom(seed);
  const cities: CityCentre[] = [];
  for (let rank = 1; rank <= count; rank++) {
    const east = random.chance(0.8);
    cities.push({
      lat: east ? 22 + random.next() * 19 : 29 + random.next() * 17,
      lng: east ? 104 + random.next() * 18 : 76 + random.next() * 28,
      weight: 1 / rank ** 0.8,
      spreadKm: 2 + 10 / Math.sqrt(rank),
    });
  }
  const total = cities.reduce((sum, city) => sum + city.weight, 0);
  for (const city of cities) city.weight /= total;
  return cities;
}

const interval = (open: string, close: string) => [{ open, close }];
const everyDay = (open: string, close: string) => Array.from({ length: 7 }, () => interval(open, close));
const HOURS_TEMPLATES: OpeningHours[] = [
  { alwaysOpen: true, weekly: everyDay('00:00', '00:00').map(() => []), exceptions: [] },
  { alwaysOpen: false, weekly: everyDay('08:00', '22:00'), exceptions: [] },
  { alwaysOpen: false, weekly: everyDay('06:00', '23:00'), exceptions: [] },
  { alwaysOpen: false, weekly: everyDay('22:00', '06:00'), exceptions: [] },
  {
    alwaysOpen: false,
    weekly: [...Array.from({ length: 5 }, () => interval('09:00', '17:00')), interval('09:00', '12:00'), []],
    exceptions: [],
  },
  {
    alwaysOpen: false,
    weekly: Array.from({ length: 7 }, () => [
      { open: '10:00', close: '14:00' },
      { open: '16:00', close: '21:00' },
    ]),
    exceptions: [],
  },
];
const AMENITY_LIKELIHOOD: Record<string, number> = {
  drinking_water: 0.92,
  seating: 0.85,
  phone_charging: 0.75,
  air_conditioning: 0.7,
  microwave: 0.55,
  toilet: 0.6,
  first_aid: 0.5,
  ebike_charging: 0.3,
};
const HOSTS = [
  '工商银行网点',
  '建设银行网点',
  '中国石化加油站',
  '中国石油加油站',
  '社区服务中心',
  '便利店',
  '快递驿站',
];
const ROADS = ['人民路', '解放路', '中山路', '建设路', '和平路', '新华路', '胜利路', '文化路', '友谊路', '长江路'];

function pickCity(cities: CityCentre[], cumulative: number[], random: Random): CityCentre {
  const target = random.next();
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return cities[low]!;
}

/** `count` stations: 85% around city centres (2% sharing a building with the previous one), 15% rural. */
export function generateNationalStations(count: number, seed = BENCH_SEED): IndexedStation[] {
  const random = createRandom(seed + 1);
  const cities = generateCityCentres(seed);
  const cumulative: number[] = [];
  cities.reduce((sum, city) => (cumulative.push(sum + city.weight), sum + city.weight), 0);
  const pool = new InternPool();
  const stations: IndexedStation[] = [];
  let previous: LatLng | null = null;
  for (let i = 0; i < count; i++) {
    let location: LatLng;
    if (previous && random.chance(0.02)) {
      location = previous;
    } else if (random.chance(0.85)) {
      const city = pickCity(cities, cumulative, random);
      location = offsetKm(city, Math.abs(gaussian(random)) * city.spreadKm, random.next() * 2 * Math.PI);
    } else {
      location = {
        lat: CHINA_BOUNDS.minLat + random.next() * (CHINA_BOUNDS.maxLat - CHINA_BOUNDS.minLat),
        lng: CHINA_BOUNDS.minLng + random.next() * (CHINA_BOUNDS.maxLng - CHINA_BOUNDS.minLng),
      };
    }
    previous = location;
    stations.push(
      indexStation(
        {
          id: (0xb00000000 + i).toString(16).padStart(24, '0'),
          revision: i + 1,
          name: `工会驿站 ${i + 1} 号`,
          type: random.pick(STATION_TYPES),
          hostName: random.pick(HOSTS),
          address: `${random.pick(ROADS)}${random.int(1, 999)}号`,
          phone: '',
          location: { lat: round6(location.lat), lng: round6(location.lng) },
          amenities: AMENITY_CODES.filter((code) => random.chance(AMENITY_LIKELIHOOD[code] ?? 0.2)),
          status: random.chance(0.03) ? 'closed' : 'open',
          hours: random.pick(HOURS_TEMPLATES),
          orgId: BENCH_ORG_ID,
          orgPath: [BENCH_ORG_ID],
        },
        pool,
      ),
    );
  }
  return stations;
}

/** GCJ-02 coordinates as stored: six decimals, about 0.1 m. */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
