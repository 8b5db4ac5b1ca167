/** Every endpoint of the API, grouped by feature. The OpenAPI document is generated from this. */
import { aidEndpoints } from './aid';
import { authEndpoints } from './auth';
import { benefitEndpoints } from './benefits';
import { cardEndpoints } from './contract/card';
import { membershipEndpoints } from './membership';
import { notificationEndpoints } from './notifications';
import { organizationEndpoints } from './organizations';
import { stationEndpoints } from './stations';

export const contract = {
  auth: authEndpoints,
  organizations: organizationEndpoints,
  membership: membershipEndpoints,
  card: cardEndpoints,
  stations: stationEndpoints,
  aid: aidEndpoints,
  notifications: notificationEndpoints,
  benefits: benefitEndpoints,
};
