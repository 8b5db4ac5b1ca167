export default definePageConfig({ navigationBarTitleText: '排名与参与情况' });
