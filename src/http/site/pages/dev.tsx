/**
 * Development-only pages: the local mailbox, and what `npm run payments:simulate` needs to build
 * an event. Mounted at /dev; every route answers 404 outside development.
 */
import { desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import { parseEmail } from "../../../accounts/validation";
import { accounts, devMailbox } from "../../../db/schema";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { isDevelopment } from "../../../mail/outbox";
import { findPlan } from "../../../payments";
import { MailboxPage } from "../../../views/mailbox-page";
import { pageQuery } from "../input";

export const devPages = new Hono<AppEnv>();

devPages.use(async (c, next) => {
  if (!isDevelopment(c.env)) throw new AppError("page_not_found");
  await next();
});

devPages.get("/mailbox", async (c) => {
  const mails = await c.var.db.select().from(devMailbox).orderBy(desc(devMailbox.id)).limit(50);
  c.header("Cache-Control", "no-store");
  return c.render(<MailboxPage mails={mails} />, { title: "Local mailbox" });
});

const BuyerQuery = v.object({ email: v.pipe(v.string(), v.maxLength(254)), plan: v.pipe(v.string(), v.maxLength(8)) });

/** The account id of an address and a plan's price: what a simulated Checkout Session carries (JSON). */
devPages.get("/payments/buyer", pageQuery("query", BuyerQuery), async (c) => {
  const query = c.req.valid("query");
  const address = parseEmail(query.email);
  const plan = findPlan(query.plan);
  const [account] = address ? await c.var.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.emailNormalized, address.normalized)) : [];
  if (!account || !plan) return c.json({ error: !plan ? "unknown_plan" : "unknown_account" }, 404);
  return c.json({ accountId: account.id, plan: plan.id, amountMinor: plan.priceMinor, currency: plan.currency });
});
