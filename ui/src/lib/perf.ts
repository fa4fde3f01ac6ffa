// Start-up measurement: tells the shell when the first list is on screen. The shell prints it
// only while `cargo xtask measure` runs (HEARTH_PERF); otherwise this is a no-op call.
import { commands } from "../bindings";

let reported = false;

export function reportFirstListPainted(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      try {
        void Promise.resolve(commands.perfMark("painted")).catch(() => undefined);
      } catch {
        // Not running inside the desktop shell (tests, the mock preview).
      }
    }),
  );
}
