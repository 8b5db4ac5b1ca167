import Router from '@koa/router';
import { contract, UNION_OFFICE_ROLES } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { readRawUpload } from '../../http/raw-body';
import { validate } from '../../http/validate';
import { requireRole } from '../auth/authenticate';
import { organizationNames } from '../organizations/service';
import type { AidApplicationDoc } from './aid-application.model';
import { AidProgrammeModel, type AidProgrammeDoc } from './aid-programme.model';
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
import { mayPayOut, officesOf, payoutScope } from './policy';
import { presentAidApplication, presentAidProgramme } from './presenter';
import { createProgramme, programmesForMember, programmesForStaff } from './programmes.service';
import { timelinesOf } from './timeline';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.aid;

/** Documents are personal: never cached by a browser or a proxy. */
const DOCUMENT_CACHE_CONTROL = 'private, no-store';

async function presentProgrammes(programmes: AidProgrammeDoc[]) {
  const names = await organizationNames(programmes.map((programme) => programme.orgId));
  const now = new Date();
  return programmes.map((programme) => presentAidProgramme(programme, names.get(String(programme.orgId)) ?? '', now));
}

/** The member's own applications, in full (the applicant sees their own numbers). */
export function applicantPresenter(app: AppContext) {
  return async (applications: AidApplicationDoc[]) => {
    const programmeIds = [...new Set(applications.map((application) => String(application.programmeId)))];
    const [programmes, names, timelines] = await Promise.all([
      AidProgrammeModel.find({ _id: { $in: programmeIds } }).lean<AidProgrammeDoc[]>(),
      organizationNames(applications.map((application) => application.orgId)),
      timelinesOf(applications.map((application) => application._id)),
    ]);
    const byId = new Map(programmes.map((programme) => [String(programme._id), programme]));
    const now = new Date();
    return applications.map((application) =>
      presentAidApplication(application, {
        programme: byId.get(String(application.programmeId))!,
        orgName: names.get(String(application.orgId)) ?? '',
        timeline: timelines.get(String(application._id)) ?? [],
        cipher: app.cipher,
        forApplicant: true,
        now,
      }),
    );
  };
}

/** Members applying for tuition aid, and the offices that set programmes up. */
export function aidRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, handleOptions } = app;
  const presentMine = applicantPresenter(app);
  const presentOne = async (application: AidApplicationDoc) => (await presentMine([application]))[0]!;

  router.get(
    endpoints.openProgrammes.path,
    authenticate,
    validate(endpoints.openProgrammes),
    handle(
      endpoints.openProgrammes,
      async ({ actor }) => ({ items: await presentProgrammes(await programmesForMember(await requireMember(actor))) }),
      handleOptions,
    ),
  );

  router.get(
    endpoints.eligibility.path,
    authenticate,
    validate(endpoints.eligibility),
    handle(endpoints.eligibility, async ({ actor, params }) => precheck(actor, params.id!, new Date()), handleOptions),
  );

  router.post(
    endpoints.start.path,
    authenticate,
    app.rateLimit({ name: 'aid-start', points: 20, durationSeconds: 3600 }),
    validate(endpoints.start),
    handle(
      endpoints.start,
      async ({ actor, body }) => presentOne(await startApplication(actor, body.programmeId, new Date())),
      handleOptions,
    ),
  );

  // Literal paths before the `:id` ones.
  router.get(
    endpoints.mine.path,
    authenticate,
    validate(endpoints.mine),
    handle(
      endpoints.mine,
      async ({ actor }) => ({ items: await presentMine(await myAidApplications(actor)) }),
      handleOptions,
    ),
  );

  router.get(
    endpoints.documentFile.path,
    app.rateLimit({ name: 'aid-file', points: 300, durationSeconds: 600 }),
    validate(endpoints.documentFile),
    handle(
      endpoints.documentFile,
      async ({ query, ctx }) => {
        const file = await readDocumentFile(app.files, app.config.JWT_SECRET, query.token, new Date());
        ctx.type = file.contentType;
        ctx.set('Cache-Control', DOCUMENT_CACHE_CONTROL);
        ctx.set('Content-Disposition', 'inline');
        return file.bytes;
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.get.path,
    authenticate,
    validate(endpoints.get),
    handle(
      endpoints.get,
      async ({ actor, params }) => presentOne(await ownApplication(actor, params.id!)),
      handleOptions,
    ),
  );

  router.put(
    endpoints.saveDraft.path,
    authenticate,
    app.rateLimit({ name: 'aid-draft', points: 600, durationSeconds: 600 }),
    validate(endpoints.saveDraft),
    handle(
      endpoints.saveDraft,
      async ({ actor, params, body }) => presentOne(await saveDraft(actor, params.id!, body, app)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.uploadDocument.path,
    authenticate,
    app.rateLimit({ name: 'aid-document', points: 60, durationSeconds: 600 }),
    validate(endpoints.uploadDocument),
    handle(
      endpoints.uploadDocument,
      async ({ actor, params, query, ctx }) => {
        // Refuse before reading megabytes for an application that is not the caller's, submitted, or full.
        assertCanAddDocument(await ownApplication(actor, params.id!));
        const upload = await readRawUpload(ctx, endpoints.uploadDocument.rawBody!);
        return presentOne(await addDocument(actor, app.files, params.id!, query.kind, upload));
      },
      handleOptions,
    ),
  );

  router.delete(
    endpoints.deleteDocument.path,
    authenticate,
    validate(endpoints.deleteDocument),
    handle(
      endpoints.deleteDocument,
      async ({ actor, params }) => presentOne(await deleteDocument(actor, app.files, params.id!, params.documentId!)),
      handleOptions,
    ),
  );

  router.get(
    endpoints.documentLink.path,
    authenticate,
    validate(endpoints.documentLink),
    handle(
      endpoints.documentLink,
      async ({ actor, params }) => documentLink(actor, app.config.JWT_SECRET, params.documentId!, new Date()),
      handleOptions,
    ),
  );

  router.post(
    endpoints.submit.path,
    authenticate,
    app.rateLimit({ name: 'aid-submit', points: 30, durationSeconds: 600 }),
    validate(endpoints.submit),
    handle(
      endpoints.submit,
      async ({ actor, params }) => presentOne(await submitApplication(actor, params.id!, app, new Date())),
      handleOptions,
    ),
  );

  router.post(
    endpoints.withdraw.path,
    authenticate,
    validate(endpoints.withdraw),
    handle(
      endpoints.withdraw,
      async ({ actor, params }) => presentOne(await withdrawApplication(actor, params.id!, app, new Date())),
      handleOptions,
    ),
  );

  router.post(
    endpoints.createProgramme.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.createProgramme),
    handle(
      endpoints.createProgramme,
      async ({ actor, body }) => (await presentProgrammes([await createProgramme(actor, body)]))[0]!,
      handleOptions,
    ),
  );

  router.get(
    endpoints.staffProgrammes.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.staffProgrammes),
    handle(
      endpoints.staffProgrammes,
      async ({ actor }) => {
        const [programmes, offices] = await Promise.all([programmesForStaff(actor), officesOf(actor)]);
        const presented = await presentProgrammes(programmes);
        return {
          items: presented.map((programme, index) => ({
            ...programme,
            mayDisburse: mayPayOut(payoutScope(actor, offices, programmes[index]!)),
          })),
        };
      },
      handleOptions,
    ),
  );

  return router;
}
