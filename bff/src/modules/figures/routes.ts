/** 统计与年报: figures of an org subtree the cadre runs, one figure's drill-down, the annual report. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { sendDownload } from '../../http/download';
import { mounter } from '../../http/mount';
import { annualReportSheet } from './annual-sheet';
import { annualReport, figureDetail, figuresReport } from './report.service';

const endpoints = contract.figures;

export function figureRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  mount(endpoints.figures, ({ actor, query }) => figuresReport(actor, query));
  mount(endpoints.figure, ({ actor, query }) => figureDetail(actor, query.figure, query));
  mount(endpoints.annualReport, ({ actor, query }) => annualReport(actor, query, new Date()));
  mount(endpoints.annualReportSheet, async ({ actor, query, ctx }) =>
    sendDownload(ctx, await annualReportSheet(await annualReport(actor, query, new Date()))),
  );
  return router;
}
