// Mocked commands for suggestions, opportunities, rules, customers at risk and rhythms (the data
// builders live in ../test/data/suggestions.ts).
import type { AtRisk, ProductRule, Suggestion } from "../bindings";
import { cmd } from "../tickets/testing";
import { crossSell, deal, rule, upsell } from "../test/data/suggestions";

export * from "../test/data/suggestions";

export const suggestionCommands = {
  suggestionsFor: cmd((): Suggestion[] => [upsell(), crossSell()]),
  opportunitiesList: cmd((): Suggestion[] => []),
  productRulesList: cmd((): ProductRule[] => [rule()]),
  suggestionToDeal: cmd(() => deal()),
  atRiskList: cmd((): AtRisk[] => []),
  rhythmGet: cmd((): number | null => null),
  rhythmSet: cmd((): number | null => 30),
};
