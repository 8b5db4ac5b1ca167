/** The cadre workbench: to-dos (each opening its queue) and notices, within the cadre's subtree and roles. */
import { workbenchEndpoints } from '@union/shared';
import { request } from './http';

export function fetchWorkbench() {
  return request(workbenchEndpoints.workbench);
}
