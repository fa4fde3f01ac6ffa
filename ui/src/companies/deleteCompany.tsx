import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { NavigateFunction } from "react-router-dom";
import { commands, type CompanyDetail } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";

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
      const nid = `deleted-${company.id}`;
      notifications.show({
        id: nid,
        title: "Company deleted",
        autoClose: 10000,
        message: (
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{company.name} was moved to the trash.</Text>
            <Button size="compact-sm" variant="light" onClick={async () => {
              notifications.hide(nid);
              try {
                const restored = await call(commands.companyRestore(company.id));
                changed();
                navigate(`/companies/${restored.id}`);
              } catch (e) {
                notifyError(e);
              }
            }}>
              Undo
            </Button>
          </Group>
        ),
      });
    },
  });
}
