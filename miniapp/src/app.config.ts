export default defineAppConfig({
  // The login page comes first: it signs in (silently in weapp) and switches to 首页.
  pages: ['pages/login/index', 'pages/home/index', 'pages/stations/index', 'pages/benefits/index', 'pages/mine/index'],
  // Secondary pages load on demand so the main package stays small (2 MB limit each).
  subPackages: [
    { root: 'pages-member', pages: ['bind/index', 'join/index', 'join-status/index', 'card/index'] },
    {
      root: 'pages-staff',
      // Grouped by feature, named as the BFF modules are: card verification, join review, stations, aid.
      pages: [
        'verify/index',
        'join-review/list/index',
        'join-review/detail/index',
        'stations/list/index',
        'stations/detail/index',
        'stations/edit/index',
        'stations/poster/index',
        'stations/import/index',
        'stations/feedback/index',
        'stations/stats/index',
        'aid/queue/index',
        'aid/review/index',
        'aid/programmes/index',
        'aid/programme-edit/index',
        'aid/disbursement/index',
        'aid/stats/index',
      ],
    },
    // Station detail, opened from the 驿站 tab, so it is fetched while the rider looks at the list;
    // check-in, where a scanned poster lands (shared/src/station-link.ts).
    { root: 'pages-stations', pages: ['detail/index', 'check-in/index'] },
    // 金秋助学 (tuition aid) and the message list its status changes land in.
    {
      root: 'pages-aid',
      pages: ['programme/index', 'form/index', 'applications/index', 'application/index', 'messages/index'],
    },
    // 普惠: offer detail, paying, 我的券 and the voucher QR shown at the counter.
    { root: 'pages-benefits', pages: ['offer/index', 'order/index', 'vouchers/index', 'voucher/index'] },
    // Merchant clerks: bind by invitation, scan to redeem, today's list.
    { root: 'pages-merchant', pages: ['bind/index', 'redeem/index', 'today/index'] },
    // Union staff: merchants, offers and the monthly settlement.
    {
      root: 'pages-benefit-admin',
      pages: ['merchants/index', 'merchant-edit/index', 'offers/index', 'offer-edit/index', 'settlement/index'],
    },
    // Union staff: 活动管理 (organiser side of activities).
    {
      root: 'pages-activity-admin',
      pages: ['list/index', 'edit/index', 'entries/index', 'check-in/index', 'on-behalf/index', 'stats/index'],
    },
    // 活动 (member side): list, detail and sign-up, 我的活动 and one entry (notifications link here).
    { root: 'pages-activities', pages: ['list/index', 'detail/index', 'mine/index', 'entry/index'] },
    // 竞赛 (member, judge, public): scoring by judges, published results, certificates and their verification.
    {
      root: 'pages-contests',
      pages: [
        'judge-bind/index',
        'judging/index',
        'judge-round/index',
        'score-sheet/index',
        'results/index',
        'certificate/index',
        'verify/index',
      ],
    },
    // Union staff: a skill contest's setup, judges, progress and results (from 活动管理).
    {
      root: 'pages-contest-admin',
      pages: ['list/index', 'contest/index', 'setup/index', 'judges/index', 'progress/index', 'results/index'],
    },
    // 知识竞赛 (member side): open quizzes, answering against the server's clock, result, ranking.
    { root: 'pages-quiz', pages: ['list/index', 'detail/index', 'answer/index', 'result/index', 'ranking/index'] },
    // Union staff: quizzes, their question bank and import, publishing, ranking and participation.
    {
      root: 'pages-quiz-admin',
      pages: ['list/index', 'edit/index', 'manage/index', 'questions/index', 'import/index', 'report/index'],
    },
    // Union staff: 统计与年报 — figures by period and org, one figure's trend, the printable annual
    // report. Its chart library is imported here only, so it never weighs on the main package.
    { root: 'pages-figures', pages: ['index', 'detail/index', 'report/index'] },
  ],
  preloadRule: {
    'pages/mine/index': { network: 'all', packages: ['pages-member'] },
    'pages/stations/index': { network: 'all', packages: ['pages-stations'] },
    'pages/benefits/index': { network: 'all', packages: ['pages-benefits'] },
  },
  window: {
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '工会会员服务',
    backgroundColor: '#f5f6f8',
    // H5 draws a title bar with a back button only when asked; weapp's default is the same.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#8c8c8c',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/stations/index',
        text: '驿站',
        iconPath: 'assets/tab/stations.png',
        selectedIconPath: 'assets/tab/stations-active.png',
      },
      {
        pagePath: 'pages/benefits/index',
        text: '普惠',
        iconPath: 'assets/tab/benefits.png',
        selectedIconPath: 'assets/tab/benefits-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png',
      },
    ],
  },
  // WeChat's privacy rules: the app shows its own consent popup (components/PrivacyPopup),
  // and declares the location APIs and why they are needed: getLocation for the station
  // finder, chooseLocation for staff placing a station on the map.
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找您附近的工会驿站和普惠商家' },
  },
});
