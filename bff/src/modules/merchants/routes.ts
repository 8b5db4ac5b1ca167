/** Union staff managing merchants, their images and their clerks; anyone fetching a merchant's image. */
import type Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { readMerchantImage, removeMerchantPhoto, uploadMerchantLogo, uploadMerchantPhoto } from './images.service';
import { createInvitation } from './invitations.service';
import { createMerchant, listManagedMerchants, updateMerchant } from './merchants.service';
import { merchantForManaging } from './policy';
import { presentAdminMerchant } from './presenter';
import { listMerchantStaff, revokeMerchantStaff } from './staff.service';

const endpoints = contract.merchants;

/** Image ids never point at other bytes, so browsers and CDNs may keep them. */
const IMAGE_CACHE_CONTROL = 'public, max-age=86400';

/** A binary answer (rawResponse): the contract's JSON response type does not describe it. */
function sendImage(ctx: ParameterizedContext, image: { bytes: Buffer; contentType: string }): never {
  ctx.type = image.contentType;
  ctx.set('Cache-Control', IMAGE_CACHE_CONTROL);
  return image.bytes as never;
}

export function merchantRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  const { files, cipher } = app;
  const admin = presentAdminMerchant;

  mount(endpoints.adminMerchants, ({ actor, query }) => listManagedMerchants(actor, query, new Date()));
  mount(endpoints.createMerchant, async ({ actor, body }) => admin(await createMerchant(actor, body)));
  mount(endpoints.adminMerchant, async ({ actor, params }) => admin(await merchantForManaging(actor, params.id)));
  mount(endpoints.updateMerchant, async ({ actor, params, body }) =>
    admin(await updateMerchant(actor, params.id, body)),
  );
  mount(endpoints.uploadMerchantLogo, ({ actor, params, upload }) =>
    uploadMerchantLogo(actor, files, params.id, upload),
  );
  mount(endpoints.addMerchantPhoto, ({ actor, params, upload }) =>
    uploadMerchantPhoto(actor, files, params.id, upload),
  );
  mount(endpoints.removeMerchantPhoto, async ({ actor, params }) =>
    admin(await removeMerchantPhoto(actor, files, params.id, params.photoId)),
  );
  mount(endpoints.merchantImage, async ({ params, ctx }) =>
    sendImage(ctx, await readMerchantImage(files, params.id, params.imageId)),
  );
  mount(endpoints.createInvitation, ({ actor, params }) => createInvitation(actor, cipher, params.id, new Date()));
  mount(endpoints.merchantStaff, async ({ actor, params }) => ({ items: await listMerchantStaff(actor, params.id) }));
  mount(endpoints.revokeMerchantStaff, async ({ actor, params }) => {
    await revokeMerchantStaff(actor, params.id, params.accountId, new Date());
    return { ok: true as const };
  });
  return router;
}
