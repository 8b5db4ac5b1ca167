export default definePageConfig({ navigationBarTitleText: '商家信息' });
