// Customers: life after the sale. Orders, opportunities to sell more, customers at risk,
// referrals, reviews, surveys and which products go together; the tab is kept in `?tab=`.
import { ScrollArea, Stack, Tabs, Text, Title } from "@mantine/core";
import { useSearchParams } from "react-router-dom";
import { AtRiskPanel } from "../suggestions/AtRiskPanel";
import { OpportunitiesPanel } from "../suggestions/OpportunitiesPanel";
import { ProductRulesPanel } from "../suggestions/ProductRulesPanel";
import { ReferralsPanel } from "../referrals/ReferralsPanel";
import { ReviewsPanel } from "../referrals/ReviewsPanel";
import { SurveysPanel } from "../surveys/SurveysPanel";
import { OrdersPanel } from "./OrdersPanel";

export const CUSTOMER_TABS = [
  { value: "orders", label: "Orders", panel: OrdersPanel },
  { value: "opportunities", label: "Opportunities", panel: OpportunitiesPanel },
  { value: "at-risk", label: "At risk", panel: AtRiskPanel },
  { value: "referrals", label: "Referrals", panel: ReferralsPanel },
  { value: "reviews", label: "Reviews", panel: ReviewsPanel },
  { value: "surveys", label: "Surveys", panel: SurveysPanel },
  { value: "product-rules", label: "Product rules", panel: ProductRulesPanel },
] as const;

const FIRST = CUSTOMER_TABS[0].value;

export function CustomersPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get("tab");
  const tab = CUSTOMER_TABS.some((t) => t.value === asked) ? (asked as string) : FIRST;
  return (
    <ScrollArea h="100%">
      <Stack p="lg" gap="md" maw={1200}>
        <div>
          <Title order={2}>Customers</Title>
          <Text c="dimmed">After the sale: what your customers bought, what to offer them next, who needs a call, and what they say about you.</Text>
        </div>
        <Tabs value={tab} keepMounted={false}
          onChange={(t) => {
            const next = new URLSearchParams(params);
            if (t && t !== FIRST) next.set("tab", t);
            else next.delete("tab");
            setParams(next);
          }}>
          <Tabs.List>
            {CUSTOMER_TABS.map((t) => <Tabs.Tab key={t.value} value={t.value} data-testid={`tab-${t.value}`}>{t.label}</Tabs.Tab>)}
          </Tabs.List>
          {CUSTOMER_TABS.map((t) => {
            const Panel = t.panel;
            return <Tabs.Panel key={t.value} value={t.value} pt="md"><Panel /></Tabs.Panel>;
          })}
        </Tabs>
      </Stack>
    </ScrollArea>
  );
}
