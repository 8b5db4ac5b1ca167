export default definePageConfig({ navigationBarTitleText: '设立助学项目' });
