/** The membership metrics the cadres' figures count (registered in connect-modules.ts). */
import type { FigureMetric } from '../figures/metrics';
import { MemberModel } from './member.model';

/** 入会人数: members by the day they joined (an approval's decision time, or the roster's date). */
export const membersJoined: FigureMetric = {
  name: 'members.joined',
  async *records({ from, to, orgId }) {
    // `orgPath: orgId` as well as `orgId`: the { orgPath, joinedAt } index answers it.
    const filter = { joinedAt: { $gte: from, $lt: to }, ...(orgId ? { orgPath: orgId, orgId } : {}) };
    const members = MemberModel.find(filter, { orgId: 1, orgPath: 1, joinedAt: 1 }).lean().cursor();
    for await (const member of members) {
      yield { orgId: member.orgId, orgPath: member.orgPath, at: member.joinedAt, amount: 1 };
    }
  },
};
