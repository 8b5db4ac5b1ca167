/** Activities: 签到与出勤（会员卡扫码、场次动态码、离线同步、出勤与统计）. */
export const activityCheckInEndpoints = {};
