import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ModalsProvider } from "@mantine/modals";
import { fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { ReferralsPanel } from "./ReferralsPanel";
import { ReviewsCard } from "./ReviewsCard";
import { ReviewsPanel } from "./ReviewsPanel";
import { referralCommands as commands, referrer, review } from "./testing";

vi.mock("../bindings", async () => {
  const t = await import("../tickets/testing");
  return t.withCommands((await import("./testing")).referralCommands);
});

describe("referrals", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.referrersList.mockImplementation(() =>
      ok([referrer(), referrer({ contact: { id: "c9", name: "Di Dunn" }, referred: [{ contact: { id: "c8", name: "Ed Eng" }, lifecycle_stage: "loyalty", customer: true, revenue: [{ currency: "USD", amount_minor: 50000 }] }], revenue: [{ currency: "USD", amount_minor: 50000 }], rewards: [] })]),
    );
  });

  it("shows the totals and each referrer with who they brought", async () => {
    renderApp(<ReferralsPanel />);
    const [ada] = await screen.findAllByTestId("referrer");
    expect(screen.getByTestId("referrals-total")).toHaveTextContent("3");
    expect(screen.getByTestId("referrals-customers")).toHaveTextContent("2");
    expect(screen.getByTestId("referrals-customers")).toHaveTextContent("67% of referrals");
    expect(screen.getByTestId("referrals-revenue")).toHaveTextContent(/1,200\.00.*\+.*500\.00/);
    expect(within(ada).getByTestId("referrer-converted")).toHaveTextContent("1 of 2 became customers");
    const [bo, cy] = within(ada).getAllByTestId("referred");
    expect(within(bo).getByRole("link", { name: "Bo Berg" })).toHaveAttribute("href", "/contacts/c2");
    expect(within(bo).getByText("Became a customer")).toBeInTheDocument();
    expect(within(cy).getByText("Not a customer yet")).toBeInTheDocument();
    expect(within(cy).getByText("Engaged lead")).toBeInTheDocument();
  });

  it("marks a reward given", async () => {
    renderApp(<ReferralsPanel />);
    const [ada] = await screen.findAllByTestId("referrer");
    expect(within(ada).getByTestId("reward-status")).toHaveTextContent("Owed");
    await userEvent.click(within(ada).getByRole("switch", { name: "Given: A free month" }));
    await waitFor(() => expect(commands.rewardSetGiven).toHaveBeenCalledWith("w-1", true));
    await waitFor(() => expect(commands.referrersList).toHaveBeenCalledTimes(2));
  });

  it("adds a reward for a referral", async () => {
    renderApp(<ReferralsPanel />);
    const [ada] = await screen.findAllByTestId("referrer");
    await userEvent.click(within(ada).getByTestId("reward-add"));
    await userEvent.click(await screen.findByTestId("reward-save"));
    expect(await screen.findByText("Say what the reward is, e.g. “A free month”.")).toBeInTheDocument();
    await userEvent.type(screen.getByTestId("reward-text"), "€20 voucher");
    await userEvent.click(screen.getByTestId("reward-save"));
    await waitFor(() => expect(commands.rewardAdd).toHaveBeenCalledWith({ referrer_id: "c1", referred_id: "c2", reward: "€20 voucher" }));
  });
});

describe("reviews", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.reviewsList.mockImplementation(() => ok([review(), review({ id: "r-3", platform: "Yelp", rating: 5, link: "http://yelp.example/r", body: null, contact: { id: "c2", name: "Bo Berg" } })]));
  });

  it("lists every review with the stars in numbers, an average and a platform filter", async () => {
    renderApp(<ReviewsPanel />);
    const rows = await screen.findAllByTestId("review-row");
    expect(commands.reviewsList).toHaveBeenCalledWith(null);
    expect(within(rows[0]).getByText("4 of 5")).toBeInTheDocument();
    expect(within(rows[0]).getByTestId("review-link-open")).toHaveAttribute("href", "https://g.page/r/abc");
    expect(within(rows[0]).getByTestId("review-link-open")).toHaveAttribute("target", "_blank");
    expect(within(rows[1]).getByTestId("review-link-text")).toHaveTextContent("http://yelp.example/r");
    expect(screen.getByTestId("reviews-average")).toHaveTextContent("4.5");
    await userEvent.click(screen.getByTestId("reviews-platform-Yelp"));
    expect(screen.getAllByTestId("review-row")).toHaveLength(1);
    expect(screen.getByTestId("reviews-average")).toHaveTextContent("5.0");
  });

  it("adds a review on a contact's card, with the server's field error at its field", async () => {
    commands.reviewAdd.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "link", code: "invalid_link", message: "A link starts with https:// (or http://)." }] }),
    );
    renderApp(<ModalsProvider><ReviewsCard contactId="c1" /></ModalsProvider>);
    await screen.findAllByTestId("review");
    expect(commands.reviewsList).toHaveBeenCalledWith("c1");
    await userEvent.click(screen.getByTestId("review-add"));
    await userEvent.click(await screen.findByTestId("review-save"));
    expect(await screen.findByText("Choose 1 to 5 stars.")).toBeInTheDocument();
    await userEvent.type(screen.getByTestId("review-platform"), "Trustpilot");
    // A star is chosen by clicking it (its label).
    const five = screen.getByRole("radio", { name: "5 stars", hidden: true });
    await userEvent.click(document.querySelector(`label[for="${five.id}"]`)!);
    expect(screen.getByTestId("review-rating")).toHaveTextContent("5 of 5");
    await userEvent.type(screen.getByTestId("review-link"), "www.trustpilot.com/r/1");
    await userEvent.type(screen.getByTestId("review-body"), "Great work");
    await userEvent.click(screen.getByTestId("review-save"));
    expect(await screen.findByText("A link starts with https:// (or http://).")).toBeInTheDocument();
    expect(commands.reviewAdd).toHaveBeenCalledWith({
      contact_id: "c1", platform: "Trustpilot", rating: 5, link: "www.trustpilot.com/r/1", body: "Great work", reviewed_at: null,
    });
  });

  it("deletes a review after confirming", async () => {
    renderApp(<ModalsProvider><ReviewsCard contactId="c1" /></ModalsProvider>);
    const [first] = await screen.findAllByTestId("review");
    await userEvent.click(within(first).getByTestId("review-delete"));
    expect(commands.reviewDelete).not.toHaveBeenCalled();
    await userEvent.click(await screen.findByTestId("confirm-delete"));
    await waitFor(() => expect(commands.reviewDelete).toHaveBeenCalledWith("r-1"));
  });
});
