// /reports/:name: one report (an unknown name leads to the dashboard, keeping the filter).
import { Navigate, useLocation, useParams } from "react-router-dom";
import type { ReportName } from "../bindings";
import { ReportScreen } from "./ReportScreen";

export const REPORT_NAMES: ReportName[] = [
  "dashboard", "funnel", "pipeline", "sources", "segments", "personas", "tiers", "deals", "lost_reasons",
  "forecast", "activity", "sequences", "cohorts", "repeat", "churn", "clv", "service",
];

export function isReportName(v: string | undefined): v is ReportName {
  return !!v && (REPORT_NAMES as string[]).includes(v);
}

export function ReportPage() {
  const { name } = useParams();
  const { search } = useLocation();
  if (!isReportName(name)) return <Navigate to={{ pathname: "/reports", search }} replace />;
  if (name === "dashboard") return <Navigate to={{ pathname: "/reports", search }} replace />;
  return <ReportScreen name={name} />;
}
