// Delete with a confirmation, then offer Undo (the back end keeps deleted rows in a trash).
import { confirmDanger } from "../lib/confirm";
import { notifications } from "@mantine/notifications";
import type { NavigateFunction } from "react-router-dom";
import { commands, type ContactDetail } from "../bindings";
import { call, notifyError } from "../lib/api";
import { notifyDeleted } from "../lib/undo";

export function deleteContactWithUndo(contact: ContactDetail, navigate: NavigateFunction, changed: () => void) {
  confirmDanger({
    title: `Delete ${contact.display_name}?`,
    body: "The contact and their activities disappear from lists and search. You can undo this right afterwards.",
    confirmLabel: "Delete contact",
    onConfirm: async () => {
      try {
        await call(commands.contactDelete(contact.id));
      } catch (e) {
        notifyError(e);
        return;
      }
      changed();
      navigate("/contacts");
      notifyDeleted({
        id: `deleted-${contact.id}`,
        title: "Contact deleted",
        text: `${contact.display_name} was moved to the trash.`,
        undo: async () => {
          const restored = await call(commands.contactRestore(contact.id));
          changed();
          navigate(`/contacts/${restored.id}`);
          notifications.show({ color: "teal", title: "Contact restored", message: `${restored.display_name} is back.` });
        },
      });
    },
  });
}
