export default definePageConfig({ navigationBarTitleText: '工会会员服务' });
