export default definePageConfig({ navigationBarTitleText: '绑定商户' });
