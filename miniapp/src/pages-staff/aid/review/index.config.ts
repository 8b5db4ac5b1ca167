export default definePageConfig({ navigationBarTitleText: '助学申请审核' });
