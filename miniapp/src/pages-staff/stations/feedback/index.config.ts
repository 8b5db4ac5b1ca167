export default definePageConfig({ navigationBarTitleText: '评价与微心愿' });
