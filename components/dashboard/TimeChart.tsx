import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { CHART_HEIGHT, type ChartColors, chartColors } from '@/components/dashboard/chart-options';
import { useColorScheme } from '@/components/dashboard/use-color-scheme';

/** What to draw, built only when the chart is about to be drawn (most of 500 never are). */
type ChartBuild = (
  width: number,
  colors: ChartColors,
) => { options: uPlot.Options; data: uPlot.AlignedData };

interface Props {
  build: ChartBuild;
  /** Accessible name: what the chart shows, in words (the table beside it has every value). */
  label: string;
  /** Drawn at once (the first screen); otherwise when scrolled near. */
  eager: boolean;
}

/** Starts drawing a chart once it is within a screen of the viewport. */
function useNearViewport(eager: boolean) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(eager);
  useEffect(() => {
    const element = box.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === 'undefined') return setNear(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return { box, near };
}

/**
 * A uPlot time-series chart, made before the browser paints (layout effect) so a chart on the
 * first screen is in the first frame that shows the page. A chart that cannot be drawn (no canvas)
 * leaves its place empty; its table still has every value.
 */
export function TimeChart({ build, label, eager }: Props) {
  const { box, near } = useNearViewport(eager);
  const scheme = useColorScheme();
  useLayoutEffect(() => {
    const element = box.current;
    if (!near || !element) return;
    let plot: uPlot;
    try {
      const { options, data } = build(element.clientWidth, chartColors(element));
      plot = new uPlot(options, data, element);
    } catch (error) {
      console.warn('[balance-watch] chart not drawn', error);
      return;
    }
    const resize = new ResizeObserver(() => {
      if (element.clientWidth !== plot.width)
        plot.setSize({ width: element.clientWidth, height: CHART_HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
    // The scheme is a dependency so a switch to dark mode draws the chart again in its colours.
  }, [near, build, scheme, box]);
  return (
    <div
      ref={box}
      class="chart"
      role="img"
      aria-label={label}
      style={{ minHeight: CHART_HEIGHT }}
    />
  );
}
