/** Activities: 抽签（承诺、开奖、公开结果与验证）. */
export const activityLotteryEndpoints = {};
