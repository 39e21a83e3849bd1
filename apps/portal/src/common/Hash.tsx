import { Typography } from 'antd';

/** A SHA-256 shown short (first 12 hex) with the whole value copyable and in the tooltip. */
export function Hash({ value }: { value: string }) {
  return (
    <Typography.Text code copyable={{ text: value }} title={value} style={{ whiteSpace: 'nowrap' }}>
      {value.slice(0, 12)}…
    </Typography.Text>
  );
}
