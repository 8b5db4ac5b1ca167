export default definePageConfig({ navigationBarTitleText: '编辑知识竞赛' });
