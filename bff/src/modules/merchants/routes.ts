import Router from '@koa/router';
import { contract, MERCHANT_CLERK_ROLES, UNION_OFFICE_ROLES } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { readRawUpload } from '../../http/raw-body';
import { validate } from '../../http/validate';
import { requireRole } from '../auth/authenticate';
import {
  addMerchantPhoto,
  assertRoomForPhoto,
  readMerchantImage,
  removeMerchantPhoto,
  setMerchantLogo,
} from './images.service';
import { bindMerchant, createInvitation } from './invitations.service';
import { createMerchant, listManagedMerchants, updateMerchant } from './merchants.service';
import { presentAdminMerchant, presentAdminMerchants } from './presenter';
import { merchantForManaging } from './scope';
import { listMerchantStaff, revokeMerchantStaff } from './staff.service';
import { clerkMerchant, merchantWorkbench } from './workbench.service';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.benefits;

/** Image ids never point at other bytes, so browsers and CDNs may keep them. */
const IMAGE_CACHE_CONTROL = 'public, max-age=86400';

/** Union staff managing merchants and their clerks; clerks binding themselves and their workbench. */
export function merchantRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, handleOptions } = app;
  const unionOffice = requireRole(UNION_OFFICE_ROLES);

  router.get(
    endpoints.adminMerchants.path,
    authenticate,
    unionOffice,
    validate(endpoints.adminMerchants),
    handle(
      endpoints.adminMerchants,
      async ({ actor, query }) => {
        const page = await listManagedMerchants(actor, query);
        return { items: await presentAdminMerchants(page.items), nextCursor: page.nextCursor };
      },
      handleOptions,
    ),
  );

  router.post(
    endpoints.createMerchant.path,
    authenticate,
    unionOffice,
    validate(endpoints.createMerchant),
    handle(
      endpoints.createMerchant,
      async ({ actor, body }) => presentAdminMerchant(await createMerchant(actor, body)),
      handleOptions,
    ),
  );

  router.get(
    endpoints.adminMerchant.path,
    authenticate,
    unionOffice,
    validate(endpoints.adminMerchant),
    handle(
      endpoints.adminMerchant,
      async ({ actor, params }) => presentAdminMerchant(await merchantForManaging(actor, params.id!)),
      handleOptions,
    ),
  );

  router.patch(
    endpoints.updateMerchant.path,
    authenticate,
    unionOffice,
    validate(endpoints.updateMerchant),
    handle(
      endpoints.updateMerchant,
      async ({ actor, params, body }) => presentAdminMerchant(await updateMerchant(actor, params.id!, body)),
      handleOptions,
    ),
  );

  router.put(
    endpoints.uploadMerchantLogo.path,
    authenticate,
    unionOffice,
    app.rateLimit({ name: 'merchant-image', points: 60, durationSeconds: 600 }),
    validate(endpoints.uploadMerchantLogo),
    handle(
      endpoints.uploadMerchantLogo,
      async ({ actor, params, ctx }) => {
        // Refuse before reading megabytes for a merchant the actor cannot touch.
        await merchantForManaging(actor, params.id!);
        const upload = await readRawUpload(ctx, endpoints.uploadMerchantLogo.rawBody!);
        return presentAdminMerchant(await setMerchantLogo(actor, app.files, params.id!, upload));
      },
      handleOptions,
    ),
  );

  router.post(
    endpoints.addMerchantPhoto.path,
    authenticate,
    unionOffice,
    app.rateLimit({ name: 'merchant-image', points: 60, durationSeconds: 600 }),
    validate(endpoints.addMerchantPhoto),
    handle(
      endpoints.addMerchantPhoto,
      async ({ actor, params, ctx }) => {
        assertRoomForPhoto(await merchantForManaging(actor, params.id!));
        const upload = await readRawUpload(ctx, endpoints.addMerchantPhoto.rawBody!);
        return presentAdminMerchant(await addMerchantPhoto(actor, app.files, params.id!, upload));
      },
      handleOptions,
    ),
  );

  router.delete(
    endpoints.removeMerchantPhoto.path,
    authenticate,
    unionOffice,
    validate(endpoints.removeMerchantPhoto),
    handle(
      endpoints.removeMerchantPhoto,
      async ({ actor, params }) =>
        presentAdminMerchant(await removeMerchantPhoto(actor, app.files, params.id!, params.photoId!)),
      handleOptions,
    ),
  );

  router.get(
    endpoints.merchantImage.path,
    validate(endpoints.merchantImage),
    handle(
      endpoints.merchantImage,
      async ({ params, ctx }) => {
        const image = await readMerchantImage(app.files, params.id!, params.imageId!);
        ctx.type = image.contentType;
        ctx.set('Cache-Control', IMAGE_CACHE_CONTROL);
        // A binary answer (rawResponse): the contract's JSON response type does not describe it.
        return image.bytes as never;
      },
      handleOptions,
    ),
  );

  router.post(
    endpoints.createInvitation.path,
    authenticate,
    unionOffice,
    app.rateLimit({ name: 'merchant-invitation', points: 30, durationSeconds: 600 }),
    validate(endpoints.createInvitation),
    handle(
      endpoints.createInvitation,
      async ({ actor, params }) => createInvitation(actor, app.cipher, params.id!, new Date()),
      handleOptions,
    ),
  );

  router.get(
    endpoints.merchantStaff.path,
    authenticate,
    unionOffice,
    validate(endpoints.merchantStaff),
    handle(
      endpoints.merchantStaff,
      async ({ actor, params }) => ({ items: await listMerchantStaff(actor, params.id!) }),
      handleOptions,
    ),
  );

  router.post(
    endpoints.revokeMerchantStaff.path,
    authenticate,
    unionOffice,
    validate(endpoints.revokeMerchantStaff),
    handle(
      endpoints.revokeMerchantStaff,
      async ({ actor, params }) => {
        await revokeMerchantStaff(actor, params.id!, params.accountId!, new Date());
        return { ok: true as const };
      },
      handleOptions,
    ),
  );

  router.post(
    endpoints.bindMerchant.path,
    authenticate,
    // Codes are 8 characters from 31: guessing needs far more tries than this allows.
    app.rateLimit({ name: 'merchant-bind', points: 10, durationSeconds: 600 }),
    validate(endpoints.bindMerchant),
    handle(
      endpoints.bindMerchant,
      async ({ actor, body }) => {
        const now = new Date();
        return merchantWorkbench(await bindMerchant(actor, app.cipher, body.invitationCode, now), now);
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.workbench.path,
    authenticate,
    requireRole(MERCHANT_CLERK_ROLES),
    validate(endpoints.workbench),
    handle(
      endpoints.workbench,
      async ({ actor }) => merchantWorkbench(await clerkMerchant(actor), new Date()),
      handleOptions,
    ),
  );

  return router;
}
