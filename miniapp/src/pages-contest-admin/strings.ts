/** Words of the contest organiser's pages. */
export const ROUND_STATUS_TEXT = { pending: '未开始', open: '评分中', closed: '已结束' } as const;
