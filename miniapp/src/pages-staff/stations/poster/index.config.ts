export default definePageConfig({ navigationBarTitleText: '打卡二维码海报' });
