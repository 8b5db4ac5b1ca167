import type { Types } from 'mongoose';
import type { OrgLevel } from '@union/shared';

interface OrgSpec {
  name: string;
  level: OrgLevel;
  kind?: 'regional' | 'industry';
  acceptsMembers?: boolean;
  children?: OrgSpec[];
}

export interface SeedOrganization {
  _id: Types.ObjectId;
  name: string;
  level: OrgLevel;
  kind: 'regional' | 'industry';
  parentId: Types.ObjectId | null;
  path: Types.ObjectId[];
  acceptsMembers: boolean;
  sortOrder: number;
  employeeCount: number | null;
}

const grassroots = (...names: string[]): OrgSpec[] =>
  names.map((name) => ({ name, level: 'grassroots', acceptsMembers: true }));

const street = (name: string, children: OrgSpec[]): OrgSpec => ({ name, level: 'street', children });
const district = (name: string, children: OrgSpec[] = []): OrgSpec => ({ name, level: 'district', children });

/** Hangzhou's federation: the city, its 13 districts and counties, some streets and their grassroots unions. */
const HANGZHOU: OrgSpec = {
  name: '杭州市总工会',
  level: 'city',
  children: [
    district('上城区总工会', [
      street('湖滨街道总工会', grassroots('湖滨步行街商圈联合工会', '杭州湖滨文旅发展有限公司工会')),
      street('小营街道总工会', grassroots('小营巷社区联合工会', '杭州清河坊餐饮管理有限公司工会')),
    ]),
    district('拱墅区总工会', [
      street('米市巷街道总工会', grassroots('杭州运河物流有限公司工会', '左家新村社区联合工会')),
      street('湖墅街道总工会', grassroots('信义坊商圈联合工会', '杭州湖墅纺织品有限公司工会')),
    ]),
    district('西湖区总工会', [
      street(
        '西溪街道总工会',
        grassroots('杭州云栖数智科技有限公司工会', '嘉绿苑社区联合工会', '文三路数字商圈联合工会'),
      ),
      street('文新街道总工会', grassroots('杭州文新网络技术有限公司工会', '德加社区联合工会')),
      street('翠苑街道总工会', grassroots('翠苑一区社区联合工会', '杭州学院路教育科技有限公司工会')),
      { name: '西湖区快递行业工会联合会', level: 'street', kind: 'industry', acceptsMembers: true },
    ]),
    district('滨江区总工会', [
      street('西兴街道总工会', grassroots('杭州滨江智联科技有限公司工会', '星光大道商圈联合工会')),
      street('长河街道总工会', grassroots('杭州长河云数据有限公司工会', '长河社区联合工会')),
      street('浦沿街道总工会', grassroots('杭州浦沿智能制造有限公司工会', '东冠社区联合工会')),
    ]),
    district('萧山区总工会', [street('北干街道总工会', grassroots('杭州萧山汽配制造有限公司工会'))]),
    district('余杭区总工会', [street('五常街道总工会', grassroots('未来科技城数字产业园联合工会'))]),
    district('临平区总工会'),
    district('钱塘区总工会'),
    district('富阳区总工会'),
    district('临安区总工会'),
    district('桐庐县总工会'),
    district('淳安县总工会'),
    district('建德市总工会'),
    { name: '杭州市新就业形态劳动者工会联合会', level: 'district', kind: 'industry', acceptsMembers: true },
  ],
};

/**
 * 职工人数 the union offices have entered (入会率's denominator), above each union's demo roster
 * of about ten. Left unknown on purpose: the community and industry unions (their members work
 * for many employers or platforms), the streets, districts and the city, and one company whose
 * union has not reported yet (杭州湖墅纺织品有限公司工会).
 */
const EMPLOYEE_COUNTS: Record<string, number> = {
  杭州湖滨文旅发展有限公司工会: 24,
  杭州清河坊餐饮管理有限公司工会: 31,
  杭州运河物流有限公司工会: 46,
  杭州云栖数智科技有限公司工会: 58,
  杭州文新网络技术有限公司工会: 19,
  杭州学院路教育科技有限公司工会: 27,
  杭州滨江智联科技有限公司工会: 64,
  杭州长河云数据有限公司工会: 22,
  杭州浦沿智能制造有限公司工会: 85,
  杭州萧山汽配制造有限公司工会: 120,
};

/** Flattens the tree top-down, giving every organisation its id, parent and materialized path. */
export function buildOrganizations(newId: () => Types.ObjectId): SeedOrganization[] {
  const result: SeedOrganization[] = [];
  const visit = (spec: OrgSpec, parent: SeedOrganization | null, sortOrder: number) => {
    const _id = newId();
    const org: SeedOrganization = {
      _id,
      name: spec.name,
      level: spec.level,
      kind: spec.kind ?? 'regional',
      parentId: parent?._id ?? null,
      path: [...(parent?.path ?? []), _id],
      acceptsMembers: spec.acceptsMembers ?? false,
      sortOrder,
      employeeCount: EMPLOYEE_COUNTS[spec.name] ?? null,
    };
    result.push(org);
    spec.children?.forEach((child, index) => visit(child, org, index + 1));
  };
  visit(HANGZHOU, null, 0);
  return result;
}

export const CITY_FEDERATION = HANGZHOU.name;
export const CITY_GIG_WORKERS_FEDERATION = '杭州市新就业形态劳动者工会联合会';
export const XIHU_COURIERS_FEDERATION = '西湖区快递行业工会联合会';
