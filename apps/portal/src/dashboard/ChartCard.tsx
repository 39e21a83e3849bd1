import { DownloadOutlined, FileImageOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Tooltip } from 'antd';
import type { EChartsOption } from 'echarts';
import ReactECharts from 'echarts-for-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { toCsv } from './csv';
import { dataUrlToBlob, saveFile } from './download';

export interface ChartData {
  header: string[];
  rows: (string | number | null)[][];
}

/** The fonts charts draw with: the portal's, then the CJK faces (Noto CJK on the browser-test machine). */
export const CHART_FONT =
  'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/**
 * A chart in a card, with its PNG (echarts' own rendering) and CSV (the numbers behind it) exports. The chart
 * is an image named by its title; the same numbers are in a visually hidden table for screen readers.
 */
export function ChartCard({
  id,
  title,
  option,
  data,
  fileName,
  height = 300,
  empty,
  footer,
}: {
  id: string;
  title: string;
  option: EChartsOption;
  data: ChartData;
  fileName: string;
  height?: number;
  empty: boolean;
  footer?: React.ReactNode;
}) {
  const { t } = useTranslation(['dashboard', 'common']);
  const chart = useRef<ReactECharts>(null);
  const png = () => {
    const inst = chart.current?.getEchartsInstance();
    if (!inst) return;
    saveFile(
      dataUrlToBlob(inst.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' })),
      `${fileName}.png`,
    );
  };
  const csv = () =>
    saveFile(
      new Blob([toCsv(data.header, data.rows)], { type: 'text/csv;charset=utf-8' }),
      `${fileName}.csv`,
    );
  return (
    <Card
      data-chart={id}
      title={
        <h2 id={`${id}-title`} style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>
          {title}
        </h2>
      }
      extra={
        <Flex gap={4}>
          <Tooltip title={t('common:actions.exportPng')}>
            <Button
              size="small"
              icon={<FileImageOutlined />}
              aria-label={t('export.png', { chart: title })}
              onClick={png}
              disabled={empty}
            >
              PNG
            </Button>
          </Tooltip>
          <Tooltip title={t('common:actions.exportCsv')}>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              aria-label={t('export.csv', { chart: title })}
              onClick={csv}
              disabled={empty}
            >
              CSV
            </Button>
          </Tooltip>
        </Flex>
      }
      styles={{ body: { paddingTop: 8 } }}
    >
      {empty ? (
        <Empty description={t('chart.noData')} style={{ height: height - 40, paddingTop: 40 }} />
      ) : (
        <>
          <div role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`}>
            <ReactECharts ref={chart} option={option} style={{ height }} notMerge />
          </div>
          {/* A table ignores width/overflow: hidden inside a clipped box, so it never widens the page. */}
          <div style={visuallyHidden}>
            <table id={`${id}-table`}>
              <caption>{`${title} · ${t('chart.dataTable')}`}</caption>
              <thead>
                <tr>
                  {data.header.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) => (
                      <td key={j}>{c ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {footer}
    </Card>
  );
}
