// Dev-only entry (mock.html): the real app over the fake back end.
import { mockIPC } from "@tauri-apps/api/mocks";
import { handle } from "./backend";

mockIPC((cmd, payload) => handle(cmd, (payload ?? {}) as Record<string, unknown>));
if (new URLSearchParams(location.search).has("dark")) localStorage.setItem("mantine-color-scheme-value", "dark");
await import("../../src/main");
