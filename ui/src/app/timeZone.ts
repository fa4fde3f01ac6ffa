// The owner's time zone (holidays, quiet hours, contacts without a zone) starts as this
// computer's: told to the back end once per start, which keeps one chosen in Settings.
import { useEffect } from "react";
import { commands } from "../bindings";

let adopted = false;

export function useAdoptTimeZone(): void {
  useEffect(() => {
    if (adopted) return;
    adopted = true;
    let zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
    } catch {
      zone = "";
    }
    if (!zone) return;
    // Not worth bothering anyone about: the zone can be chosen in Settings.
    Promise.resolve()
      .then(() => commands.ownerTimeZoneAdopt(zone))
      .catch(() => undefined);
  }, []);
}
