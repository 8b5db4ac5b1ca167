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
  stationDetail: '/pages-stations/detail/index',
  staffStations: '/pages-staff/stations/index',
  staffStation: '/pages-staff/station/index',
  staffStationEdit: '/pages-staff/station-edit/index',
  staffStationPoster: '/pages-staff/station-poster/index',
  staffStationImport: '/pages-staff/station-import/index',
  staffStationFeedback: '/pages-staff/station-feedback/index',
  staffStationStats: '/pages-staff/station-stats/index',
  aidProgramme: '/pages-aid/programme/index',
  aidForm: '/pages-aid/form/index',
  aidApplications: '/pages-aid/applications/index',
  aidApplication: '/pages-aid/application/index',
  messages: '/pages-aid/messages/index',
  staffAidQueue: '/pages-staff/aid-queue/index',
  staffAidReview: '/pages-staff/aid-review/index',
} as const;

/** Tab pages can only be reached with switchTab. */
export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.stations, ROUTES.benefits, ROUTES.mine];
