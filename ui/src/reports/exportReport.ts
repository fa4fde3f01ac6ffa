// "Save as CSV…" (the report's figures and tables) and "Save chart as PNG…" (a chart as drawn):
// ask where (native dialog), write, say where it went.
import { notifications } from "@mantine/notifications";
import { commands, type ReportName, type ReportParams } from "../bindings";
import { call, notifyError } from "../lib/api";
import { csvName } from "./range";

/** The bytes of a base64 data URL ("data:image/png;base64,…"). */
export function dataUrlBytes(url: string): number[] {
  const comma = url.indexOf(",");
  const bin = atob(comma >= 0 ? url.slice(comma + 1) : url);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return Array.from(bytes);
}

export async function saveReportCsv(name: ReportName, params: ReportParams): Promise<void> {
  try {
    const path = await call(commands.pickSaveFile(csvName(name, params)));
    if (!path) return;
    const s = await call(commands.reportSaveCsv(name, params, path));
    notifications.show({ color: "green", title: "Report saved", message: `CSV saved to ${s.path}` });
  } catch (e) {
    notifyError(e);
  }
}

/** Saves a chart; `dataUrl` is asked for only after a path is picked. */
export async function saveChartPng(fileName: string, dataUrl: () => string | null): Promise<void> {
  try {
    const path = await call(commands.pickSaveFile(fileName));
    if (!path) return;
    const url = dataUrl();
    if (!url) throw new Error("the chart is not drawn (it may be hidden or empty)");
    const s = await call(commands.reportSavePng(path, dataUrlBytes(url)));
    notifications.show({ color: "green", title: "Chart saved", message: `PNG saved to ${s.path}` });
  } catch (e) {
    notifyError(e);
  }
}
