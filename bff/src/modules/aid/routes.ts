/** Members applying for tuition aid, and the offices that set programmes up. */
import type { ParameterizedContext } from 'koa';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import type { AidApplicationDoc } from './aid-application.model';
import {
  myAidApplications,
  ownApplication,
  precheck,
  requireMember,
  saveDraft,
  startApplication,
  submitApplication,
  withdrawApplication,
} from './applications.service';
import { addDocument, assertCanAddDocument, deleteDocument, documentLink, readDocumentFile } from './documents.service';
import { presentForApplicant, presentProgrammes } from './presenter';
import { createProgramme, programmesForMember, staffProgrammeList } from './programmes.service';

const endpoints = contract.aid;

/** Documents are personal: shown inline, never cached by a browser or a proxy. */
function sendDocument(ctx: ParameterizedContext, file: { bytes: Buffer; contentType: string }) {
  ctx.type = file.contentType;
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('Content-Disposition', 'inline');
  return file.bytes;
}

export function aidRoutes(app: AppContext) {
  const router = apiRouter();
  const mount = mounter(app, router);
  const { cipher, files } = app;
  const secret = app.config.JWT_SECRET;
  const presentOne = async (application: AidApplicationDoc) =>
    (await presentForApplicant([application], cipher, new Date()))[0]!;

  mount(endpoints.openProgrammes, async ({ actor }) => ({
    items: await presentProgrammes(await programmesForMember(await requireMember(actor)), new Date()),
  }));
  mount(endpoints.eligibility, ({ actor, params }) => precheck(actor, params.id, new Date()));
  mount(endpoints.start, async ({ actor, body }) =>
    presentOne(await startApplication(actor, body.programmeId, new Date())),
  );
  // Literal paths before the `:id` ones.
  mount(endpoints.mine, async ({ actor }) => ({
    items: await presentForApplicant(await myAidApplications(actor), cipher, new Date()),
  }));
  mount(endpoints.documentFile, async ({ query, ctx }) =>
    sendDocument(ctx, await readDocumentFile(files, secret, query.token, new Date())),
  );
  mount(endpoints.get, async ({ actor, params }) => presentOne(await ownApplication(actor, params.id)));
  mount(endpoints.saveDraft, async ({ actor, params, body }) =>
    presentOne(await saveDraft(actor, params.id, body, app)),
  );
  mount(endpoints.uploadDocument, async ({ actor, params, query, upload }) => {
    // Refuse before reading megabytes for an application that is not the caller's, submitted, or full.
    assertCanAddDocument(await ownApplication(actor, params.id));
    return presentOne(await addDocument(actor, files, params.id, query.kind, await upload()));
  });
  mount(endpoints.deleteDocument, async ({ actor, params }) =>
    presentOne(await deleteDocument(actor, files, params.id, params.documentId)),
  );
  mount(endpoints.documentLink, ({ actor, params }) => documentLink(actor, secret, params.documentId, new Date()));
  mount(endpoints.submit, async ({ actor, params }) =>
    presentOne(await submitApplication(actor, params.id, app, new Date())),
  );
  mount(endpoints.withdraw, async ({ actor, params }) =>
    presentOne(await withdrawApplication(actor, params.id, app, new Date())),
  );
  mount(endpoints.createProgramme, async ({ actor, body }) => {
    const [programme] = await presentProgrammes([await createProgramme(actor, body)], new Date());
    return programme!;
  });
  mount(endpoints.staffProgrammes, async ({ actor }) => ({ items: await staffProgrammeList(actor, new Date()) }));
  return router;
}
