export default definePageConfig({ navigationBarTitleText: '驿站打卡' });
