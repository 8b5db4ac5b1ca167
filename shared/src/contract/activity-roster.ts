/** Activities: 名单管理（移除、导出与查看、海报、通知与提醒）. */
export const activityRosterEndpoints = {};
