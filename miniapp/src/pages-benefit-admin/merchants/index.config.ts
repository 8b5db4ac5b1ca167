export default definePageConfig({ navigationBarTitleText: '普惠商家' });
