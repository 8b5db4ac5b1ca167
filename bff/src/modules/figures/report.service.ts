/**
 * The figures a cadre reads for an org subtree they run: every figure of the catalogue for a
 * period with the same period last year, one figure's series and drill-down by child org, and
 * the annual report (every figure for the year, and each child org's). All from counters.
 */
import {
  customPeriod,
  dayOneYearEarlier,
  daysOfPeriod,
  figurePeriodLabel,
  periodOfLabel,
  samePeriodLastYear,
  UNION_OFFICE_ROLES,
  type AnnualReport,
  type Figure,
  type FigureDetail,
  type FigurePeriod,
  type FiguresQuery,
  type FiguresReport,
} from '@union/shared';
import type { Types } from 'mongoose';
import { NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { scopeOrgIds } from '../auth/actor';
import { scopedOrgId } from '../auth/org-scope';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';
import { FIGURE_SECTIONS, FIGURES, figureDefinition } from './catalogue';
import type { FigureDefinition } from './definition';
import { evaluateFigure } from './evaluate';
import { labelsOfKeys } from './providers';
import { CounterReads } from './read';

type Org = Pick<OrganizationDoc, '_id' | 'name' | 'level' | 'path'>;
const presentOrg = (org: Org) => ({ id: String(org._id), name: org.name, level: org.level });

/** A custom period longer than this is shown by month. */
const MAX_DAILY_SERIES = 62;

function periodOf(query: FiguresQuery): FigurePeriod {
  const period = query.period ? periodOfLabel(query.period) : customPeriod(query.from ?? '', query.to ?? '');
  // The contract refused anything else; kept so a caller bypassing it gets a 400, not a crash.
  if (!period) throw ValidationError([{ path: 'period', message: '请选择统计期间' }]);
  return period;
}

const presentPeriod = (period: FigurePeriod) => ({ ...period, label: figurePeriodLabel(period) });

interface Scope {
  org: Org;
  trail: Org[];
  children: Org[];
}

async function scopeOf(actor: Actor, orgId: string | undefined): Promise<Scope> {
  const id = await scopedOrgId(actor, UNION_OFFICE_ROLES, orgId);
  const org = (await OrganizationModel.findById(id, { name: 1, level: 1, path: 1 }).lean<Org>())!;
  const held = scopeOrgIds(actor, UNION_OFFICE_ROLES);
  // The way back up stops at the highest org the actor runs: a street cadre never sees the city.
  const top = org.path.findIndex((ancestor) => held.includes(String(ancestor)));
  const trailIds = org.path.slice(Math.max(top, 0));
  const [trail, children] = await Promise.all([
    OrganizationModel.find({ _id: { $in: trailIds } }, { name: 1, level: 1, path: 1 }).lean<Org[]>(),
    OrganizationModel.find({ parentId: org._id }, { name: 1, level: 1, path: 1 })
      .sort({ sortOrder: 1, _id: 1 })
      .lean<Org[]>(),
  ]);
  trail.sort((a, b) => a.path.length - b.path.length);
  return { org, trail, children };
}

async function presentFigure(
  definition: FigureDefinition,
  orgId: Types.ObjectId,
  period: FigurePeriod,
  comparedWith: FigurePeriod,
  reads: CounterReads,
): Promise<Figure> {
  const [now, before] = await Promise.all([
    evaluateFigure(definition, orgId, period, { by: 'total' }, reads),
    definition.current ? null : evaluateFigure(definition, orgId, comparedWith, { by: 'total' }, reads),
  ]);
  const figure: Figure = {
    key: definition.key,
    label: definition.label,
    format: definition.format,
    value: now.valueOf(''),
    lastYear: before?.valueOf('') ?? null,
    current: Boolean(definition.current),
    ...(definition.note ? { note: definition.note } : {}),
  };
  if (definition.breakdown) figure.breakdown = await breakdownRows(definition, now.byKey());
  return figure;
}

async function breakdownRows(definition: FigureDefinition, byKey: Map<string, number | null>) {
  const keys = [...byKey.keys()];
  const labels = definition.breakdown?.labels
    ? new Map(keys.map((key) => [key, definition.breakdown!.labels!(key)]))
    : await labelsOfKeys(definition.parts[0]?.metric ?? definition.current ?? '', keys);
  const rows = keys.map((key) => ({ key, label: labels.get(key) ?? key, value: byKey.get(key) ?? null }));
  if (definition.breakdown?.inKeyOrder) rows.sort((a, b) => a.key.localeCompare(b.key));
  else rows.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.key.localeCompare(b.key));
  return definition.breakdown?.top ? rows.slice(0, definition.breakdown.top) : rows;
}

async function sectionsOf(
  orgId: Types.ObjectId,
  period: FigurePeriod,
  comparedWith: FigurePeriod,
  reads: CounterReads,
) {
  const figures = await Promise.all(FIGURES.map((figure) => presentFigure(figure, orgId, period, comparedWith, reads)));
  return FIGURE_SECTIONS.map((section) => ({
    ...section,
    figures: figures.filter((_figure, index) => FIGURES[index]!.section === section.key),
  }));
}

/**
 * One load of each metric for everything a request reads of the scope: the period and the same
 * period last year, for the org and its children.
 */
const readsFor = (scope: Scope, period: FigurePeriod, comparedWith: FigurePeriod) =>
  new CounterReads(
    scope.org._id,
    { from: Number(comparedWith.from.slice(0, 4)), to: Number(period.to.slice(0, 4)) },
    scope.children.map((child) => child._id),
  );

export async function figuresReport(actor: Actor, query: FiguresQuery): Promise<FiguresReport> {
  const period = periodOf(query);
  const comparedWith = samePeriodLastYear(period);
  const scope = await scopeOf(actor, query.orgId);
  return presentReport(scope, period, comparedWith, readsFor(scope, period, comparedWith));
}

async function presentReport(
  scope: Scope,
  period: FigurePeriod,
  comparedWith: FigurePeriod,
  reads: CounterReads,
): Promise<FiguresReport> {
  return {
    org: presentOrg(scope.org),
    trail: scope.trail.map(presentOrg),
    children: scope.children.map(presentOrg),
    period: presentPeriod(period),
    comparedWith: presentPeriod(comparedWith),
    sections: await sectionsOf(scope.org._id, period, comparedWith, reads),
  };
}

/** Each child's value: one grouped read for counted figures, the child itself for states and rates. */
async function valuesByChild(definition: FigureDefinition, scope: Scope, period: FigurePeriod, reads: CounterReads) {
  const values = new Map<string, number | null>();
  if (definition.current || definition.perOrgRate) {
    for (const child of scope.children) {
      const value = await evaluateFigure(definition, child._id, period, { by: 'total' }, reads);
      values.set(String(child._id), value.valueOf(''));
    }
    return values;
  }
  const grouped = await evaluateFigure(definition, scope.org._id, period, { by: 'child' }, reads);
  for (const child of scope.children) values.set(String(child._id), grouped.valueOf(String(child._id)));
  return values;
}

export async function figureDetail(actor: Actor, key: string, query: FiguresQuery): Promise<FigureDetail> {
  const definition = figureDefinition(key);
  if (!definition) throw NotFoundError('没有这项统计');
  const period = periodOf(query);
  const comparedWith = samePeriodLastYear(period);
  const scope = await scopeOf(actor, query.orgId);
  const reads = readsFor(scope, period, comparedWith);
  const [figure, byChild, series] = await Promise.all([
    presentFigure(definition, scope.org._id, period, comparedWith, reads),
    valuesByChild(definition, scope, period, reads),
    definition.current ? [] : seriesOf(definition, scope.org._id, period, comparedWith, reads),
  ]);
  return {
    org: presentOrg(scope.org),
    period: presentPeriod(period),
    comparedWith: presentPeriod(comparedWith),
    figure,
    series,
    byChild: scope.children.map((child) => ({
      org: presentOrg(child),
      value: byChild.get(String(child._id)) ?? null,
    })),
  };
}

async function seriesOf(
  definition: FigureDefinition,
  orgId: Types.ObjectId,
  period: FigurePeriod,
  comparedWith: FigurePeriod,
  reads: CounterReads,
): Promise<FigureDetail['series']> {
  const days = daysOfPeriod(period);
  const daily = days.length <= MAX_DAILY_SERIES;
  const grouping = daily ? ({ by: 'day' } as const) : ({ by: 'month' } as const);
  const [now, before] = await Promise.all([
    evaluateFigure(definition, orgId, period, grouping, reads),
    evaluateFigure(definition, orgId, comparedWith, grouping, reads),
  ]);
  const labels = daily ? days : [...new Set(days.map((day) => day.slice(0, 7)))];
  return labels.map((label) => ({
    label,
    value: now.valueOf(label),
    lastYear: before.valueOf(daily ? dayOneYearEarlier(label) : `${Number(label.slice(0, 4)) - 1}${label.slice(4)}`),
  }));
}

export async function annualReport(
  actor: Actor,
  query: { orgId?: string; year: number },
  now: Date,
): Promise<AnnualReport> {
  const period = periodOfLabel(String(query.year))!;
  const comparedWith = samePeriodLastYear(period);
  const scope = await scopeOf(actor, query.orgId);
  const reads = readsFor(scope, period, comparedWith);
  const [report, columns] = await Promise.all([
    presentReport(scope, period, comparedWith, reads),
    Promise.all(FIGURES.map((figure) => valuesByChild(figure, scope, period, reads))),
  ]);
  return {
    ...report,
    year: query.year,
    generatedAt: now.toISOString(),
    childRows: scope.children.map((child) => ({
      org: presentOrg(child),
      values: Object.fromEntries(
        FIGURES.map((figure, index) => [figure.key, columns[index]!.get(String(child._id)) ?? null]),
      ),
    })),
  };
}
