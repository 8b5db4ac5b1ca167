/** Activities: 队伍与代报名. */
export const activityTeamEndpoints = {};
