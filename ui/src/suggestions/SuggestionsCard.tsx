// Placeholder: replaced by the support/retention UI work (issue 9).
export function SuggestionsCard({ contactId }: { contactId: string }) {
  void contactId; return null;
}
