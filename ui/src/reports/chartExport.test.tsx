import { beforeEach, describe, expect, it, vi } from "vitest";
import { configure, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../test/render";
import { chartOption } from "./chartOption";
import { dataUrlBytes } from "./exportReport";
import { SectionView } from "./SectionView";
import { commands, funnelSection } from "./testing";

vi.mock("../bindings", async () => (await import("./testing")).bindings);

// A stand-in for ECharts: what the chart is told, and a PNG it hands back.
const chart = vi.hoisted(() => ({
  setOption: vi.fn(),
  resize: vi.fn(),
  dispose: vi.fn(),
  getDataURL: vi.fn(() => "data:image/png;base64,iVBORw0KGgo="),
}));
const init = vi.hoisted(() => vi.fn(() => chart));
vi.mock("echarts/core", () => ({ use: vi.fn(), init }));

// Two busy cores: give screens time to settle.
configure({ asyncUtilTimeout: 5000 });

describe("dataUrlBytes", () => {
  it("decodes a base64 data URL into bytes", () => {
    expect(dataUrlBytes("data:image/png;base64,iVBORw0KGgo=")).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(dataUrlBytes("AAEC")).toEqual([0, 1, 2]);
  });
});

describe("a chart", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    // A window that can draw.
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue({} as unknown as CanvasRenderingContext2D);
    commands.pickSaveFile.mockImplementation(() => Promise.resolve({ status: "ok" as const, data: "/tmp/funnel.png" }));
  });

  it("is drawn from the section's option, and saved as a PNG of twice the pixels", async () => {
    const section = funnelSection();
    renderApp(<SectionView section={section} pngName="hearth-dashboard-funnel-2026-01-01-2026-03-31.png" onDrill={() => undefined} />);
    const box = screen.getByTestId("chart-funnel");
    expect(box).toHaveAttribute("data-chart-kind", "funnel");
    expect(init).toHaveBeenCalledWith(box, undefined, { renderer: "canvas" });
    const option = chart.setOption.mock.calls[0][0] as { series: { type: string; data: unknown }[] };
    const want = chartOption(section)!.series as { type: string; data: unknown }[];
    expect(option.series.map((s) => [s.type, s.data])).toEqual(want.map((s) => [s.type, s.data]));

    await userEvent.click(screen.getByTestId("section-menu-funnel"));
    await userEvent.click(await screen.findByTestId("save-png-funnel"));
    await waitFor(() => expect(commands.reportSavePng).toHaveBeenCalledWith("/tmp/funnel.png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(commands.pickSaveFile).toHaveBeenCalledWith("hearth-dashboard-funnel-2026-01-01-2026-03-31.png");
    expect(chart.getDataURL).toHaveBeenCalledWith({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
  });

  it("saves nothing when the save dialog is cancelled", async () => {
    commands.pickSaveFile.mockImplementation(() => Promise.resolve({ status: "ok" as const, data: null }));
    renderApp(<SectionView section={funnelSection()} pngName="x.png" onDrill={() => undefined} />);
    await userEvent.click(screen.getByTestId("section-menu-funnel"));
    await userEvent.click(await screen.findByTestId("save-png-funnel"));
    await waitFor(() => expect(commands.pickSaveFile).toHaveBeenCalled());
    expect(chart.getDataURL).not.toHaveBeenCalled();
    expect(commands.reportSavePng).not.toHaveBeenCalled();
  });

  it("is let go of when the section goes", () => {
    const { unmount } = renderApp(<SectionView section={funnelSection()} pngName="x.png" onDrill={() => undefined} />);
    unmount();
    expect(chart.dispose).toHaveBeenCalled();
  });
});
