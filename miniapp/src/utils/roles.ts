import { STAFF_ROLES, UNION_OFFICE_ROLES, type Me } from '@union/shared';

/** Every staff role may check a union card (stations and merchants serve members). */
export function canVerifyCards(me: Me): boolean {
  return me.roles.some((grant) => STAFF_ROLES.includes(grant.role));
}

export function canReviewJoinApplications(me: Me): boolean {
  return me.roles.some((grant) => UNION_OFFICE_ROLES.includes(grant.role));
}
