export default definePageConfig({ navigationBarTitleText: '助学项目' });
