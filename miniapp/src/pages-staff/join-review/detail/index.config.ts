export default definePageConfig({ navigationBarTitleText: '审核入会申请' });
