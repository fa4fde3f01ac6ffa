// "New contact" / "New company" dialogs, reachable from anywhere (buttons and shortcuts).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import type { EntityRef } from "../bindings";
import { ContactFormModal } from "../contacts/ContactFormModal";
import { CompanyFormModal } from "../companies/CompanyFormModal";
import { useData } from "../lib/data";

interface CreateApi {
  newContact: (company?: EntityRef) => void;
  newCompany: () => void;
}

const CreateContext = createContext<CreateApi | null>(null);

export function CreateProvider({ children }: { children: ReactNode }) {
  const [contactOpen, setContactOpen] = useState<{ company?: EntityRef } | null>(null);
  const [companyOpen, setCompanyOpen] = useState(false);
  const navigate = useNavigate();
  const { changed } = useData();

  const newContact = useCallback((company?: EntityRef) => setContactOpen({ company }), []);
  const newCompany = useCallback(() => setCompanyOpen(true), []);
  const api = useMemo(() => ({ newContact, newCompany }), [newContact, newCompany]);

  return (
    <CreateContext.Provider value={api}>
      {children}
      {contactOpen && (
        <ContactFormModal
          initialCompany={contactOpen.company}
          onClose={() => setContactOpen(null)}
          onSaved={(c) => {
            setContactOpen(null);
            changed();
            navigate(`/contacts/${c.id}`);
          }}
        />
      )}
      {companyOpen && (
        <CompanyFormModal
          onClose={() => setCompanyOpen(false)}
          onSaved={(c) => {
            setCompanyOpen(false);
            changed();
            navigate(`/companies/${c.id}`);
          }}
        />
      )}
    </CreateContext.Provider>
  );
}

export function useCreate(): CreateApi {
  const v = useContext(CreateContext);
  if (!v) throw new Error("useCreate outside CreateProvider");
  return v;
}
