/**
 * Generates the anonymous part of the demo roster: plausible names, valid ID
 * numbers born in Hangzhou, mobile numbers and workplaces, all from a seeded PRNG.
 */
import { idNumberCheckChar, type MemberStatus, type Occupation } from '@union/shared';
import { CITY_GIG_WORKERS_FEDERATION, XIHU_COURIERS_FEDERATION, type SeedOrganization } from './demo-organizations';
import type { Random } from '../seeded-random';
import { utcDate } from './deterministic-ids';

export interface RosterEntry {
  name: string;
  idNumber: string;
  mobile: string;
  occupation: Occupation;
  employer: string;
  org: SeedOrganization;
  joinedAt: Date;
  status: MemberStatus;
  /** Set for a member who moved away (status `transferred`). */
  leftAt?: Date;
}

const words = (text: string) => text.split(' ');

/** GB/T 2260 codes of Hangzhou's districts and counties. */
const HANGZHOU_REGION_CODES = words(
  '330102 330105 330106 330108 330109 330110 330113 330114 330111 330112 330122 330127 330182',
);

const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢钟姜陆汪范金俞楼章应裘钱方邵夏顾毛',
);
const MALE_GIVEN_NAMES = words(
  '伟 强 磊 军 勇 涛 斌 超 明 刚 辉 鹏 飞 波 浩 建国 志强 俊杰 子轩 宇航 浩然 文博 建华 海涛 晓东 国庆 振宇 家豪 一鸣 天宇 立新 卫东',
);
const FEMALE_GIVEN_NAMES = words(
  '芳 娜 敏 静 丽 艳 娟 霞 燕 玲 婷 慧 颖 琳 倩 洁 欣怡 雨涵 梦瑶 思琪 佳怡 晓燕 秀英 丽华 桂英 婉清 诗涵 雅静 晨曦 美琴 彩霞 月华',
);
/** No 138: the 1380000000x numbers belong to the named demo people. */
const MOBILE_PREFIXES = words(
  '130 131 133 135 136 137 139 150 151 155 157 158 159 166 173 177 180 181 186 187 188 189 191 198 199',
);
const SHOP_NAMES = words('湖畔 金桂 青禾 云杉 和合 百川 知味 晓风 西子 钱江 南山 龙井');
const SHOP_KINDS = words('餐饮店 便利店 美容美发店 数码维修部 茶叶店 文具店 烘焙坊 家政服务部 药房 花店');

/** Who organises in the industry federations, and for which platforms they work. */
const GIG_WORK: Record<string, { count: number; jobs: { occupation: Occupation; employers: string[] }[] }> = {
  [CITY_GIG_WORKERS_FEDERATION]: {
    count: 12,
    jobs: [
      { occupation: 'rider', employers: ['美团外卖（杭州站点）', '饿了么蜂鸟即配（杭州）'] },
      { occupation: 'rider', employers: ['美团外卖（杭州站点）', '饿了么蜂鸟即配（杭州）'] },
      { occupation: 'ride_hailing_driver', employers: ['滴滴出行（杭州）', '曹操出行（杭州）'] },
      { occupation: 'truck_driver', employers: ['货拉拉（杭州）', '满帮集团（杭州）'] },
      { occupation: 'domestic_worker', employers: ['杭州家政服务平台'] },
      { occupation: 'other_flexible', employers: ['杭州同城跑腿服务平台'] },
    ],
  },
  [XIHU_COURIERS_FEDERATION]: {
    count: 8,
    jobs: [
      {
        occupation: 'courier',
        employers: [
          '顺丰速运（西湖文三路网点）',
          '中通快递（西溪网点）',
          '圆通速递（翠苑网点）',
          '韵达快递（文新网点）',
          '京东物流（西湖营业部）',
        ],
      },
    ],
  },
};

const FIRST_JOIN_DATE = utcDate(2015, 1, 1);
const LAST_JOIN_DATE = utcDate(2026, 10, 31);
const DAY_MS = 24 * 60 * 60 * 1000;
const MEMBERS_PER_GRASSROOTS_UNION = { min: 7, max: 11 };

interface Identity {
  name: string;
  idNumber: string;
  mobile: string;
  birthDate: Date;
}

/** Draws people who do not clash with each other or with the reserved (named) ones. */
function createIdentitySource(random: Random, reserved: { names: string[]; idNumbers: string[]; mobiles: string[] }) {
  const names = new Set(reserved.names);
  const idNumbers = new Set(reserved.idNumbers);
  const mobiles = new Set(reserved.mobiles);
  const firstBirth = utcDate(1965, 1, 1).getTime();
  const lastBirth = utcDate(2003, 12, 31).getTime();

  return (): Identity => {
    const male = random.chance(0.55);
    let name: string;
    do {
      name = random.pick(SURNAMES) + random.pick(male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
    } while (names.has(name));
    names.add(name);

    let idNumber: string;
    let birthDate: Date;
    do {
      birthDate = new Date(firstBirth + random.int(0, (lastBirth - firstBirth) / DAY_MS) * DAY_MS);
      const birth = birthDate.toISOString().slice(0, 10).replaceAll('-', '');
      // The 17th digit is odd for men and even for women.
      const sequence = String(random.int(0, 99)).padStart(2, '0') + String(random.int(0, 4) * 2 + (male ? 1 : 0));
      const first17 = random.pick(HANGZHOU_REGION_CODES) + birth + sequence;
      idNumber = first17 + idNumberCheckChar(first17);
    } while (idNumbers.has(idNumber));
    idNumbers.add(idNumber);

    let mobile: string;
    do {
      mobile = random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0');
    } while (mobiles.has(mobile));
    mobiles.add(mobile);

    return { name, idNumber, mobile, birthDate };
  };
}

/** Some day between turning 18 (or 2015) and the end of the demo period. */
function joinDate(random: Random, birthDate: Date): Date {
  const adult = new Date(birthDate);
  adult.setUTCFullYear(adult.getUTCFullYear() + 18);
  const from = Math.max(FIRST_JOIN_DATE.getTime(), adult.getTime());
  // 09:00 in Hangzhou.
  return new Date(from + random.int(0, Math.floor((LAST_JOIN_DATE.getTime() - from) / DAY_MS)) * DAY_MS + DAY_MS / 24);
}

function workplace(random: Random, org: SeedOrganization): { occupation: Occupation; employer: string } {
  if (org.name.endsWith('有限公司工会')) return { occupation: 'employee', employer: org.name.slice(0, -'工会'.length) };
  // Joint unions (联合工会) gather the small shops of a community or shopping district.
  const employer = random.pick(SHOP_NAMES) + random.pick(SHOP_KINDS);
  return { occupation: employer.endsWith('家政服务部') ? 'domestic_worker' : 'employee', employer };
}

export function generateRoster(
  random: Random,
  organizations: SeedOrganization[],
  reserved: { names: string[]; idNumbers: string[]; mobiles: string[] },
): RosterEntry[] {
  const nextIdentity = createIdentitySource(random, reserved);
  const roster: RosterEntry[] = [];
  const add = (org: SeedOrganization, job: { occupation: Occupation; employer: string }) => {
    const { birthDate, ...identity } = nextIdentity();
    roster.push({ ...identity, ...job, org, joinedAt: joinDate(random, birthDate), status: 'active' });
  };

  for (const org of organizations.filter((candidate) => candidate.level === 'grassroots')) {
    const count = random.int(MEMBERS_PER_GRASSROOTS_UNION.min, MEMBERS_PER_GRASSROOTS_UNION.max);
    for (let i = 0; i < count; i++) add(org, workplace(random, org));
  }
  for (const org of organizations) {
    const gigWork = GIG_WORK[org.name];
    if (!gigWork) continue;
    for (let i = 0; i < gigWork.count; i++) {
      const job = gigWork.jobs[i % gigWork.jobs.length]!;
      add(org, { occupation: job.occupation, employer: random.pick(job.employers) });
    }
  }

  // A handful of suspended memberships (e.g. dues in arrears) and one member who moved to another city.
  roster.forEach((entry, index) => {
    if (index % 47 === 23) entry.status = 'suspended';
  });
  const movedAway = roster[100]!;
  movedAway.status = 'transferred';
  // Half-way between joining and the roster's last join date: after joining, before today.
  movedAway.leftAt = new Date((movedAway.joinedAt.getTime() + LAST_JOIN_DATE.getTime()) / 2);
  return roster;
}
