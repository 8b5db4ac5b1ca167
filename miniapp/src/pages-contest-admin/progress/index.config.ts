export default definePageConfig({ navigationBarTitleText: '评分进度', enablePullDownRefresh: true });
