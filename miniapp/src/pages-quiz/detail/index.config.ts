export default definePageConfig({ navigationBarTitleText: '知识竞赛' });
