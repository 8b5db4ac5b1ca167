export default definePageConfig({ navigationBarTitleText: '竞赛设置' });
