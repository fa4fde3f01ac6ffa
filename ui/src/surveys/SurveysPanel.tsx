// Placeholder: replaced by the support/retention UI work (issue 9).
export function SurveysPanel() {
  return null;
}
