export default definePageConfig({ navigationBarTitleText: '成绩预览与发布' });
