// Whether the "?" keyboard-shortcuts sheet is open, shared so the command palette can open it too.
import { createStore } from "../lib/store";

const open = createStore(false);

export const setHelpOpen = (value: boolean): void => open.set(value);
export const useHelpOpen = (): boolean => open.use();
