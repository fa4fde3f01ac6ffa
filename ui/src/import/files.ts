// Picking files through the shell's native dialogs (the web view never reads files itself).
import { commands } from "../bindings";
import { call } from "../lib/api";

export async function pickImportFile(): Promise<string | null> {
  return call(commands.pickOpenFile("import"));
}

/** Asks where to save, proposing `suggested`; null when the user cancelled. */
export async function pickSavePath(suggested: string): Promise<string | null> {
  return call(commands.pickSaveFile(suggested));
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
