export default definePageConfig({ navigationBarTitleText: '参赛者', enablePullDownRefresh: true });
