// /reports: the dashboard: the key figures of the period against the one before, the lifecycle
// funnel beside revenue per month, the forecast, and the goals.
import { Paper } from "@mantine/core";
import { GoalsPanel } from "../goals/GoalsPanel";
import { ReportScreen } from "./ReportScreen";

export function DashboardPage() {
  return (
    <ReportScreen
      name="dashboard"
      pairFirstSections
      extra={
        <Paper withBorder p="md" radius="md" data-testid="dashboard-goals">
          <GoalsPanel />
        </Paper>
      }
    />
  );
}
