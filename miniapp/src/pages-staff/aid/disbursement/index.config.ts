export default definePageConfig({ navigationBarTitleText: '助学金发放登记' });
