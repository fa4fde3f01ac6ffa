import type { NavigateFunction } from "react-router-dom";
import { commands, type CompanyDetail } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { notifyDeleted } from "../lib/undo";

export function deleteCompanyWithUndo(company: CompanyDetail, navigate: NavigateFunction, changed: () => void) {
  confirmDanger({
    title: `Delete ${company.name}?`,
    body:
      company.contact_count > 0
        ? `The company disappears from lists and search; its ${company.contact_count} people stay in your contacts. You can undo this right afterwards.`
        : "The company disappears from lists and search. You can undo this right afterwards.",
    confirmLabel: "Delete company",
    onConfirm: async () => {
      try {
        await call(commands.companyDelete(company.id));
      } catch (e) {
        notifyError(e);
        return;
      }
      changed();
      navigate("/companies");
      notifyDeleted({
        id: `deleted-${company.id}`,
        title: "Company deleted",
        text: `${company.name} was moved to the trash.`,
        undo: async () => {
          const restored = await call(commands.companyRestore(company.id));
          changed();
          navigate(`/companies/${restored.id}`);
        },
      });
    },
  });
}
