/** Staff accounts for the station management pages. */
import type { Me, OrgLevel } from '@union/shared';
import { me, signIn } from './fixtures';

interface StaffOrg {
  id: string;
  name: string;
  level: OrgLevel;
}

export const DISTRICT_ORG: StaffOrg = { id: '64b7f0c2a1b2c3d4e5f60101', name: '西湖区总工会', level: 'district' };
export const STREET_ORG: StaffOrg = { id: '64b7f0c2a1b2c3d4e5f60102', name: '西溪街道总工会', level: 'street' };

export function unionStaff(orgs = [DISTRICT_ORG]): Me {
  return me({
    kind: 'staff',
    displayName: '区总工会 李敏',
    roles: orgs.map((org) => ({ role: 'union_staff' as const, orgId: org.id, orgName: org.name, orgLevel: org.level })),
  });
}

export function stationKeeper(): Me {
  return me({
    kind: 'staff',
    displayName: '站长 王强',
    roles: [{ role: 'station_keeper', orgId: STREET_ORG.id, orgName: STREET_ORG.name, orgLevel: STREET_ORG.level }],
  });
}

export function signInAs(account: Me) {
  return signIn({ me: account });
}
