import { Button, Center, Loader, MantineProvider, Stack, Text, Title } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { ModalsProvider } from "@mantine/modals";
import { useEffect } from "react";
import { commands } from "../bindings";
import { call } from "../lib/api";
import { applyRegional, firstDayOfWeek, useRegional } from "../lib/regional";
import { Notifications } from "@mantine/notifications";
import { HashRouter } from "react-router-dom";
import { DataProvider, useData } from "../lib/data";
import { errorMessage } from "../lib/errors";
import { coreOf } from "../lib/api";
import { cssVariablesResolver, theme } from "./theme";
import { Onboarding } from "./Onboarding";
import { Shell } from "./Shell";
import { DatabaseProblem } from "../backups/DatabaseProblem";
import { isCoreError } from "../lib/errors";

export function App() {
  const regional = useRegional();
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <DatesProvider settings={{ firstDayOfWeek: firstDayOfWeek(regional) }}>
        <Notifications position="bottom-right" limit={4} />
        <ModalsProvider>
          <HashRouter>
            <DataProvider>
              <Gate />
            </DataProvider>
          </HashRouter>
        </ModalsProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

/** The owner's regional formats, read once the database is open (the system's until then). */
function useRegionalFromDatabase(ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    call(commands.regionalGet()).then((r) => applyRegional(r.chosen), () => undefined);
  }, [ready]);
}

/** First start shows the welcome screen; afterwards the app itself. */
export function Gate() {
  const { status, statusError, changed } = useData();
  useRegionalFromDatabase(!!status && !status.needs_onboarding);
  if (statusError && !status) {
    const core = coreOf(statusError);
    if (isCoreError(core) && core.kind === "database") return <DatabaseProblem error={core} onRetry={changed} />;
    return (
      <Center h="100%">
        <Stack align="center" maw={460}>
          <Title order={3}>Hearth could not open your data</Title>
          <Text c="dimmed" ta="center">
            {errorMessage(coreOf(statusError))}
          </Text>
          <Button onClick={changed}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (!status) {
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  }
  return status.needs_onboarding ? <Onboarding /> : <Shell />;
}
