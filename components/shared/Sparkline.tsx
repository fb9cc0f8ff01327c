interface Props {
  values: readonly number[];
  /** Accessible name; the line itself carries no text. */
  label: string;
  width?: number;
  height?: number;
  /**
   * The line's highest and lowest value, in words, shown beside it: its scale, so a dip of 3%
   * looks like one.
   */
  scale?: { low: string; high: string } | null;
}

/** A bare inline-SVG trend line in currentColor, so it follows the surrounding text's theme. */
export function Sparkline({ values, label, width = 88, height = 22, scale }: Props) {
  if (values.length < 2) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const pad = 1.5;
  const step = (width - 2 * pad) / (values.length - 1);
  const span = max - min;
  const y = (value: number) =>
    span === 0 ? height / 2 : height - pad - ((value - min) / span) * (height - 2 * pad);
  const points = values
    .map((value, i) => `${(pad + i * step).toFixed(1)},${y(value).toFixed(1)}`)
    .join(' ');
  const line = (
    <svg
      class="sparkline"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
        stroke-linecap="round"
      />
    </svg>
  );
  if (!scale) return line;
  return (
    <span class="sparkline-scaled">
      {line}
      <span class="sparkline-scale">
        <span>{scale.high}</span>
        {scale.low !== scale.high && <span>{scale.low}</span>}
      </span>
    </span>
  );
}
