export default definePageConfig({ navigationBarTitleText: '助学审核' });
