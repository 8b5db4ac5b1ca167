export default definePageConfig({ navigationBarTitleText: '服务人次统计' });
