// Mocked commands for reviews, referrers and rewards (the data builders live in ../test/data/referrals.ts).
import type { Referrer, Review } from "../bindings";
import { cmd } from "../tickets/testing";
import { referrer, review } from "../test/data/referrals";

export * from "../test/data/referrals";

export const referralCommands = {
  reviewsList: cmd((): Review[] => [review()]),
  reviewAdd: cmd(() => review({ id: "r-2" })),
  reviewDelete: cmd(() => null),
  referrersList: cmd((): Referrer[] => [referrer()]),
  rewardAdd: cmd(() => "w-2"),
  rewardSetGiven: cmd(() => null),
};
