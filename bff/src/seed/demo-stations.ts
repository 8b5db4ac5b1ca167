/**
 * About 300 rest stations across Hangzhou: bank branches, petrol stations,
 * community centres and shops hosting 工会驿站, with the opening hours such hosts
 * really keep. Positions are scattered around each district's centre (GCJ-02).
 */
import type { Types } from 'mongoose';
import type { AmenityCode, OpeningHours, StationType } from '@union/shared';
import type { Random } from '../seeded-random';

interface District {
  org: string;
  name: string;
  center: [lat: number, lng: number];
  spreadKm: number;
  count: number;
  roads: string[];
  /** Street federations of the district that run stations, if any. */
  streets: string[];
}

export const DISTRICTS: District[] = [
  {
    org: '上城区总工会',
    name: '上城区',
    center: [30.2505, 120.1755],
    spreadKm: 3,
    count: 36,
    roads: ['解放路', '延安路', '庆春路', '清泰街', '秋涛路', '钱江路', '望江路', '江城路'],
    streets: ['湖滨街道总工会', '小营街道总工会'],
  },
  {
    org: '拱墅区总工会',
    name: '拱墅区',
    center: [30.319, 120.142],
    spreadKm: 3.5,
    count: 36,
    roads: ['莫干山路', '湖墅南路', '上塘路', '大关路', '石祥路', '登云路', '丽水路', '湖州街'],
    streets: ['米市巷街道总工会', '湖墅街道总工会'],
  },
  {
    org: '西湖区总工会',
    name: '西湖区',
    center: [30.277, 120.125],
    spreadKm: 3.5,
    count: 40,
    roads: ['文三路', '文二路', '天目山路', '古墩路', '学院路', '教工路', '西溪路', '留下街'],
    streets: ['西溪街道总工会', '文新街道总工会', '翠苑街道总工会'],
  },
  {
    org: '滨江区总工会',
    name: '滨江区',
    center: [30.2085, 120.211],
    spreadKm: 3,
    count: 32,
    roads: ['江南大道', '滨盛路', '长河路', '江汉路', '西兴路', '网商路', '春晓路', '东信大道'],
    streets: ['西兴街道总工会', '长河街道总工会', '浦沿街道总工会'],
  },
  {
    org: '萧山区总工会',
    name: '萧山区',
    center: [30.185, 120.265],
    spreadKm: 5,
    count: 30,
    roads: ['市心路', '人民路', '金城路', '山阴路', '育才路', '北干路', '通惠路', '萧金路'],
    streets: ['北干街道总工会'],
  },
  {
    org: '余杭区总工会',
    name: '余杭区',
    center: [30.29, 120.01],
    spreadKm: 5,
    count: 28,
    roads: ['文一西路', '良睦路', '五常大道', '荆长大道', '龙舟路', '爱橙街'],
    streets: ['五常街道总工会'],
  },
  {
    org: '临平区总工会',
    name: '临平区',
    center: [30.419, 120.3],
    spreadKm: 4,
    count: 24,
    roads: ['临平大道', '迎宾路', '世纪大道', '望梅路', '星桥街', '藕花洲大街'],
    streets: [],
  },
  {
    org: '钱塘区总工会',
    name: '钱塘区',
    center: [30.303, 120.36],
    spreadKm: 4,
    count: 24,
    roads: ['下沙路', '学源街', '文泽路', '海达南路', '义蓬路', '江东大道'],
    streets: [],
  },
  {
    org: '富阳区总工会',
    name: '富阳区',
    center: [30.049, 119.96],
    spreadKm: 5,
    count: 12,
    roads: ['金桥路', '桂花路', '孙权路', '大桥路'],
    streets: [],
  },
  {
    org: '临安区总工会',
    name: '临安区',
    center: [30.233, 119.725],
    spreadKm: 5,
    count: 10,
    roads: ['钱王街', '衣锦街', '锦城街', '石镜街'],
    streets: [],
  },
  {
    org: '桐庐县总工会',
    name: '桐庐县',
    center: [29.797, 119.685],
    spreadKm: 4,
    count: 8,
    roads: ['迎春南路', '白云源路', '瑶琳路', '富春路'],
    streets: [],
  },
  {
    org: '淳安县总工会',
    name: '淳安县',
    center: [29.609, 119.042],
    spreadKm: 4,
    count: 6,
    roads: ['新安大街', '环湖北路', '开元路'],
    streets: [],
  },
  {
    org: '建德市总工会',
    name: '建德市',
    center: [29.476, 119.281],
    spreadKm: 4,
    count: 6,
    roads: ['新安江路', '严州大道', '府前路'],
    streets: [],
  },
];

const BANKS = ['工商银行', '建设银行', '农业银行', '中国银行', '交通银行', '杭州银行', '浙商银行', '邮储银行'];
const OIL = ['中国石化', '中国石油'];

type HoursKind = 'allDay' | 'daily' | 'bank' | 'petrol' | 'night' | 'community';

interface Host {
  hostName: (road: string) => string;
  stationName: (road: string) => string;
  type: StationType;
  hours: HoursKind;
  amenities: AmenityCode[];
}

const HOSTS: Host[] = [
  {
    hostName: (road) => `${'BANK'}${road}支行`,
    stationName: (road) => `BANK${road}支行爱心驿站`,
    type: 'love_station',
    hours: 'bank',
    amenities: ['drinking_water', 'seating', 'air_conditioning', 'phone_charging', 'wifi', 'first_aid', 'rain_gear'],
  },
  {
    hostName: (road) => `OIL${road}加油站`,
    stationName: (road) => `OIL${road}加油站户外劳动者服务站点`,
    type: 'outdoor_worker_station',
    hours: 'petrol',
    amenities: ['drinking_water', 'toilet', 'microwave', 'ebike_charging', 'repair_tools', 'rain_gear'],
  },
  {
    hostName: (road) => `${road}社区党群服务中心`,
    stationName: (road) => `${road}社区工会驿站`,
    type: 'union_station',
    hours: 'community',
    amenities: ['drinking_water', 'microwave', 'toilet', 'seating', 'books', 'sewing_kit', 'first_aid'],
  },
  {
    hostName: (road) => `${road}环卫所`,
    stationName: (road) => `${road}环卫工人爱心驿站`,
    type: 'outdoor_worker_station',
    hours: 'allDay',
    amenities: ['drinking_water', 'microwave', 'toilet', 'shower', 'seating', 'phone_charging'],
  },
  {
    hostName: (road) => `${road}骑手之家`,
    stationName: (road) => `${road}骑手之家工会驿站`,
    type: 'union_station',
    hours: 'night',
    amenities: [
      'drinking_water',
      'microwave',
      'ebike_charging',
      'phone_charging',
      'seating',
      'discounted_meals',
      'wifi',
    ],
  },
  {
    hostName: (road) => `${road}商业综合体`,
    stationName: (road) => `${road}商圈工会驿站`,
    type: 'union_station',
    hours: 'daily',
    amenities: ['drinking_water', 'toilet', 'air_conditioning', 'seating', 'phone_charging', 'wifi'],
  },
];

const every = (open: string, close: string) => Array.from({ length: 7 }, () => [{ open, close }]);

function hoursFor(kind: HoursKind): OpeningHours {
  switch (kind) {
    case 'allDay':
      return { alwaysOpen: true, weekly: every('00:00', '00:00').map(() => []), exceptions: [] };
    case 'daily':
      return { alwaysOpen: false, weekly: every('08:00', '22:00'), exceptions: [] };
    case 'bank': {
      const weekday = [{ open: '09:00', close: '17:00' }];
      return {
        alwaysOpen: false,
        weekly: [weekday, weekday, weekday, weekday, weekday, [{ open: '09:00', close: '12:00' }], []],
        exceptions: [],
      };
    }
    case 'petrol':
      return { alwaysOpen: false, weekly: every('06:00', '23:00'), exceptions: [] };
    case 'night':
      // Riders' homes open for the lunch rush and through the night.
      return {
        alwaysOpen: false,
        weekly: Array.from({ length: 7 }, () => [
          { open: '10:00', close: '14:00' },
          { open: '17:00', close: '02:00' },
        ]),
        exceptions: [],
      };
    case 'community': {
      const day = [{ open: '08:30', close: '17:30' }];
      return { alwaysOpen: false, weekly: [day, day, day, day, day, day, []], exceptions: [] };
    }
  }
}

/** A station the browser test and the README can rely on: 24 hours, next to 西溪街道. */
export const DEMO_STATION = {
  name: '文三路数字商圈工会驿站',
  orgName: '西溪街道总工会',
  location: { lat: 30.2775, lng: 120.1302 },
  address: '杭州市西湖区文三路 259 号',
};

export interface SeedStationsOptions {
  random: Random;
  orgNamed: (name: string) => { _id: Types.ObjectId; path: Types.ObjectId[] };
  newId: () => Types.ObjectId;
}

/** The stations, without revisions: the caller stamps them from the shared sequence. */
export function buildDemoStations({ random, orgNamed, newId }: SeedStationsOptions) {
  const stations: Record<string, unknown>[] = [];
  const push = (station: Record<string, unknown>) =>
    stations.push({
      ...station,
      _id: newId(),
      published: true,
      status: 'open',
    });

  const demoOrg = orgNamed(DEMO_STATION.orgName);
  push({
    name: DEMO_STATION.name,
    type: 'union_station',
    hostName: '文三路数字商圈服务中心',
    address: DEMO_STATION.address,
    location: DEMO_STATION.location,
    orgId: demoOrg._id,
    orgPath: demoOrg.path,
    phone: '0571-88000001',
    amenities: [
      'drinking_water',
      'microwave',
      'toilet',
      'seating',
      'air_conditioning',
      'phone_charging',
      'ebike_charging',
      'first_aid',
      'rain_gear',
      'wifi',
    ],
    hours: hoursFor('allDay'),
    description: '24小时开放，外卖骑手、快递小哥、环卫工人歇脚、热饭、充电的温馨港湾。',
    photos: [],
  });

  for (const district of DISTRICTS) {
    const kmPerDegreeLng = 111.32 * Math.cos((district.center[0] * Math.PI) / 180);
    for (let i = 0; i < district.count; i++) {
      const host = random.pick(HOSTS);
      const road = random.pick(district.roads);
      const brand = host.hours === 'bank' ? random.pick(BANKS) : host.hours === 'petrol' ? random.pick(OIL) : '';
      const fill = (text: string) => text.replace('BANK', brand).replace('OIL', brand);
      // Uniform in a disc around the centre.
      const radiusKm = district.spreadKm * Math.sqrt(random.next());
      const angle = random.next() * 2 * Math.PI;
      const lat = district.center[0] + (radiusKm * Math.sin(angle)) / 111.32;
      const lng = district.center[1] + (radiusKm * Math.cos(angle)) / kmPerDegreeLng;
      const orgName = district.streets.length > 0 && random.chance(0.6) ? random.pick(district.streets) : district.org;
      const org = orgNamed(orgName);
      const hours = hoursFor(host.hours);
      // A few stations are shut for renovation over the coming days.
      if (random.chance(0.03)) hours.exceptions = [{ date: '2026-12-01', intervals: [], note: '内部装修' }];
      push({
        name: fill(host.stationName(road)),
        type: host.type,
        hostName: fill(host.hostName(road)),
        address: `杭州市${district.name}${road}${random.int(1, 999)}号`,
        location: { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) },
        orgId: org._id,
        orgPath: org.path,
        phone: `0571-8${random.int(1000000, 9999999)}`,
        amenities: host.amenities.filter(() => random.chance(0.85)),
        hours,
        description: '',
        photos: [],
      });
    }
  }
  return stations;
}
