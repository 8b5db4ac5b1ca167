import { Text, View } from '@tarojs/components';

interface ReportTableProps {
  title: string;
  testId: string;
  head: string[];
  rows: ReportRow[];
}

export interface ReportRow {
  key: string;
  cells: string[];
  /** A breakdown row (其中：…) under the figure row before it: indented and lighter. */
  sub?: boolean;
  /** A figure row with breakdown rows under it: printed on the same page as the first of them. */
  leadsSub?: boolean;
}

const rowClass = (row: ReportRow) =>
  ['report-table__row', row.sub ? 'report-table__row--sub' : '', row.leadsSub ? 'report-table__row--lead' : '']
    .filter(Boolean)
    .join(' ');

/**
 * A plain table of the printed report, as Views (weapp has no <table>): the first column is
 * the name, the others numbers aligned right; rows are kept whole across printed pages.
 */
export function ReportTable({ title, testId, head, rows }: ReportTableProps) {
  return (
    <View className="report-table" data-testid={testId}>
      <Text className="annual-report__subtitle">{title}</Text>
      <View className="report-table__row report-table__row--head">
        {head.map((cell, index) => (
          <Text key={index} className="report-table__cell">
            {cell}
          </Text>
        ))}
      </View>
      {rows.map((row) => (
        <View key={row.key} className={rowClass(row)} data-testid={`${testId}-row`}>
          {row.cells.map((cell, index) => (
            <Text key={index} className="report-table__cell">
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
