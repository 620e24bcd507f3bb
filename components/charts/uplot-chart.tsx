"use client";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { cn } from "../ui/cn";

// uPlot's own sheet sets an 18px bold title and a 14px legend, too large for a half-width card
// (a CloudWatch metric name ran out of its card); "!" because that sheet sits outside the layers.
const FIT = "[&_.u-title]:text-sm! [&_.u-title]:leading-snug! [&_.u-title]:font-semibold! [&_.u-title]:wrap-anywhere! [&_.u-legend]:text-xs! [&_.u-legend_th]:font-medium!";

export type UplotChartProps = {
  /** Everything but size; a new object rebuilds the chart, so memoise it. */
  options: Omit<uPlot.Options, "width" | "height">;
  data: uPlot.AlignedData;
  height?: number;
  className?: string;
  "data-testid"?: string;
};

/**
 * uPlot in React: the chart is built once per `options`, fed new `data` in place (no rebuild per
 * poll), follows its container's width, and is destroyed on unmount so polling pages do not leak
 * canvases.
 */
export function UplotChart({ options, data, height = 180, className, ...rest }: UplotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);

  // Declared before the build effect so a rebuild (new options) starts from the newest data.
  useEffect(() => {
    latest.current = data;
    const u = chart.current;
    if (!u) return;
    u.setData(data);
    // Off the chart, the legend shows each series' latest value: refresh it with the new data.
    if (u.cursor.idx == null) u.setLegend({ idx: null as unknown as number });
  }, [data]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot({ ...options, width: Math.max(200, el.clientWidth), height }, latest.current, el);
    chart.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [options, height]);

  return <div ref={box} className={cn(FIT, className)} data-testid={rest["data-testid"]} />;
}
