export default definePageConfig({ navigationBarTitleText: '驿站工作台' });
