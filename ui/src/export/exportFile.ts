// Export a list or everything: ask where to save (native dialog), write, say what happened.
import { notifications } from "@mantine/notifications";
import { commands, type ExportFormat, type ExportList } from "../bindings";
import { call, notifyError } from "../lib/api";
import { pickSavePath } from "../import/files";
import { formatNumber } from "../lib/numbers";

export const FORMAT_LABELS: Record<ExportFormat, string> = { csv: "CSV", xlsx: "Excel (.xlsx)", vcard: "vCard (.vcf)" };

export async function exportList(what: string, list: ExportList, format: ExportFormat): Promise<void> {
  try {
    const path = await pickSavePath(await commands.exportFileName(what, format));
    if (!path) return;
    const s = await call(commands.exportList(list, format, path));
    notifications.show({ color: "green", title: "Exported", message: `${formatNumber(s.rows)} ${what} to ${s.path}` });
  } catch (e) {
    notifyError(e);
  }
}

export async function exportEverything(): Promise<void> {
  try {
    const name = (await commands.exportFileName("everything", "csv")).replace(/\.csv$/, ".zip");
    const path = await pickSavePath(name);
    if (!path) return;
    const s = await call(commands.exportAll(path));
    notifications.show({ color: "green", title: "Everything exported", message: `${(s.bytes / 1_048_576).toFixed(1)} MB in ${s.path}` });
  } catch (e) {
    notifyError(e);
  }
}
