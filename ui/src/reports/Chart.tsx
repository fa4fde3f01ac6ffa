// One section's chart, drawn by ECharts (tree-shaken: only the charts and parts reports use).
// It follows its container's size, and hands out a PNG of itself for "Save chart as PNG…".
// Without a canvas (jsdom in tests) it draws nothing rather than failing.
import { useEffect, useImperativeHandle, useMemo, useRef, type Ref } from "react";
import { Box, useComputedColorScheme } from "@mantine/core";
import * as echarts from "echarts/core";
import { BarChart, FunnelChart, HeatmapChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import type { Section } from "../bindings";
import { chartHeight, chartOption } from "./chartOption";

echarts.use([BarChart, LineChart, FunnelChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, CanvasRenderer]);

export interface ChartHandle {
  /** The chart as a PNG data URL (twice the pixels, on the page's background); null when none is drawn. */
  dataUrl(): string | null;
}

let canvasWorks: boolean | null = null;

/** Whether this window can draw on a canvas (jsdom cannot). */
export function canDraw(): boolean {
  if (canvasWorks === null) {
    try {
      canvasWorks = typeof document !== "undefined" && document.createElement("canvas").getContext("2d") !== null;
    } catch {
      canvasWorks = false;
    }
  }
  return canvasWorks;
}

export function Chart({ section, handle }: { section: Section; handle?: Ref<ChartHandle> }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const scheme = useComputedColorScheme("light");
  const option = useMemo(() => chartOption(section), [section]);
  const background = scheme === "dark" ? "#242424" : "#fff";
  const drawn = option !== null;

  // One ECharts instance per element and colour scheme.
  useEffect(() => {
    const el = box.current;
    if (!el || !drawn || !canDraw()) return;
    let instance: echarts.ECharts;
    try {
      instance = echarts.init(el, scheme === "dark" ? "dark" : undefined, { renderer: "canvas" });
    } catch {
      return;
    }
    chart.current = instance;
    const observer = new ResizeObserver(() => {
      try {
        instance.resize();
      } catch {
        // A chart being disposed while the window resizes: nothing to do.
      }
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current = null;
      instance.dispose();
    };
  }, [scheme, drawn]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !option) return;
    try {
      c.setOption({ backgroundColor: "transparent", ...option }, { notMerge: true });
    } catch {
      // A bad option must not take the report down; the table below still shows the numbers.
    }
  }, [option, scheme, drawn]);

  useImperativeHandle(handle, () => ({
    dataUrl: () => {
      const c = chart.current;
      if (!c) return null;
      try {
        return c.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: background });
      } catch {
        return null;
      }
    },
  }), [background]);

  if (!option) return null;
  return <Box ref={box} h={chartHeight(section)} w="100%" data-testid={`chart-${section.key}`} data-chart-kind={section.chart.kind} />;
}
