/**
 * A station's fields, declared once: each field staff enter (the contract key of
 * StationInput), the column(s) of the station sheet with the Chinese headers offices keep
 * (the location takes two, 经度 and 纬度), whether a sheet row must fill it, whether a search
 * result (StationSummary) shows it, and whether the in-memory search index keeps it. The
 * sheet import and export, the index entry, the summary presenter and the editor's write
 * derive from this table; adding a field starts here, and the types then name every place
 * that must handle it.
 */
import type { StationInput } from './contract/station-admin';
import type { StationSummary } from './contract/stations';

interface StationFieldSpec {
  /** Sheet column key → header, in sheet order. */
  columns: Readonly<Record<string, string>>;
  /** A sheet row without it is refused. */
  required: boolean;
  /** Shown in a search result. */
  summary: boolean;
  /** Kept by the in-memory search index: what search filters on and what a result shows. */
  indexed: boolean;
}

export const STATION_FIELDS = {
  name: { columns: { name: '站点名称' }, required: true, summary: true, indexed: true },
  type: { columns: { type: '站点类型' }, required: true, summary: true, indexed: true },
  hostName: { columns: { hostName: '承办单位' }, required: false, summary: true, indexed: true },
  address: { columns: { address: '详细地址' }, required: true, summary: true, indexed: true },
  location: { columns: { lng: '经度', lat: '纬度' }, required: true, summary: true, indexed: true },
  orgId: { columns: { org: '所属工会' }, required: false, summary: false, indexed: true },
  phone: { columns: { phone: '联系电话' }, required: false, summary: true, indexed: true },
  amenities: { columns: { amenities: '服务设施' }, required: false, summary: true, indexed: true },
  hours: { columns: { hours: '开放时间' }, required: true, summary: false, indexed: true },
  description: { columns: { description: '简介' }, required: false, summary: false, indexed: false },
} as const satisfies Record<keyof StationInput, StationFieldSpec>;

type Fields = typeof STATION_FIELDS;
export type StationField = keyof Fields;
type FieldsWhere<Flag extends 'summary' | 'indexed'> = {
  [K in StationField]: Fields[K][Flag] extends true ? K : never;
}[StationField];
export type SummaryStationField = FieldsWhere<'summary'>;
export type IndexedStationField = FieldsWhere<'indexed'>;
/** Every column of the station sheet, by key: `name`, …, `lng`, `lat`, `org`, … */
export type StationSheetColumn = { [K in StationField]: keyof Fields[K]['columns'] }[StationField];

const entries = Object.entries(STATION_FIELDS) as [StationField, StationFieldSpec][];
const keysWhere = <K extends StationField>(flag: 'summary' | 'indexed') =>
  entries.filter(([, spec]) => spec[flag]).map(([key]) => key as K);

/** In table order. */
export const STATION_FIELD_KEYS = entries.map(([key]) => key);
export const SUMMARY_STATION_FIELDS = keysWhere<SummaryStationField>('summary');
export const INDEXED_STATION_FIELDS = keysWhere<IndexedStationField>('indexed');

// A summary field the contract's StationSummary does not have would be a field shown nowhere.
type MissingFromSummary = Exclude<SummaryStationField, keyof StationSummary>;
const summaryFieldsAreInTheContract: [MissingFromSummary] extends [never] ? true : never = true;
void summaryFieldsAreInTheContract;

const sheetColumns = entries.flatMap(([field, spec]) =>
  Object.entries(spec.columns).map(([column, header]) => ({
    column: column as StationSheetColumn,
    header,
    field,
    required: spec.required,
  })),
);

/** The sheet's columns in the order export writes them (import accepts any order). */
export const STATION_SHEET_COLUMNS: StationSheetColumn[] = sheetColumns.map(({ column }) => column);
/** Each column's Chinese header. */
export const STATION_SHEET_HEADERS = Object.fromEntries(
  sheetColumns.map(({ column, header }) => [column, header]),
) as Record<StationSheetColumn, string>;
export const REQUIRED_SHEET_COLUMNS: StationSheetColumn[] = sheetColumns
  .filter(({ required }) => required)
  .map(({ column }) => column);

/**
 * The sheet column of a contract field (for a problem found by the contract's schema):
 * `['location', 'lat']` → `lat`; a field of one column → that column.
 */
export function sheetColumnOfField(path: readonly PropertyKey[]): StationSheetColumn | null {
  const [field, sub] = path.map(String);
  const spec = (STATION_FIELDS as Record<string, StationFieldSpec>)[field ?? ''];
  if (!spec) return null;
  const columns = Object.keys(spec.columns) as StationSheetColumn[];
  return columns.find((column) => column === sub) ?? columns[0]!;
}
