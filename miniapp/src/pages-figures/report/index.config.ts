export default definePageConfig({ navigationBarTitleText: '年度工作报表' });
