export default definePageConfig({ navigationBarTitleText: '技能竞赛评审', enablePullDownRefresh: true });
