/** 统计与年报: the figures endpoints, typed by the shared contract. */
import { figureEndpoints as figures, type EndpointQuery } from '@union/shared';
import { downloadBinary, request } from '../services/http';

export type FiguresQuery = EndpointQuery<typeof figures.figures>;
export type AnnualReportQuery = EndpointQuery<typeof figures.annualReport>;

export function fetchFigures(query: FiguresQuery) {
  return request(figures.figures, { query });
}

export function fetchFigure(figure: string, query: FiguresQuery) {
  return request(figures.figure, { query: { ...query, figure } });
}

export function fetchAnnualReport(query: AnnualReportQuery) {
  return request(figures.annualReport, { query });
}

/** The annual report as .xlsx bytes, with the same sign-in handling as every request. */
export function downloadAnnualReportSheet(query: AnnualReportQuery) {
  return downloadBinary(figures.annualReportSheet, { query });
}
