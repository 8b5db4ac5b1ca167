export default definePageConfig({ navigationBarTitleText: '竞赛评审' });
