export default definePageConfig({ navigationBarTitleText: '普惠服务', enablePullDownRefresh: true });
