/** Every page's URL in one place, so a moved page breaks the typecheck instead of a tap. */
export const ROUTES = {
  login: '/pages/login/index',
  home: '/pages/home/index',
  stations: '/pages/stations/index',
  benefits: '/pages/benefits/index',
  mine: '/pages/mine/index',
  bind: '/pages-member/bind/index',
  join: '/pages-member/join/index',
  joinStatus: '/pages-member/join-status/index',
  card: '/pages-member/card/index',
  verify: '/pages-staff/verify/index',
  reviewQueue: '/pages-staff/review/index',
  reviewDetail: '/pages-staff/review-detail/index',
} as const;

/** Tab pages can only be reached with switchTab. */
export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.stations, ROUTES.benefits, ROUTES.mine];
