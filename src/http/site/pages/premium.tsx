/**
 * The premium pages, mounted at /premium: the plans (anyone may look), the checkout form that sends a
 * logged-in buyer to Stripe's hosted page, points conversion, and the pages Checkout returns to.
 * None of them grants premium time: only the signed webhook does.
 */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { findAccount } from "../../../accounts";
import { PREMIUM_PLANS } from "../../../config";
import type { AppEnv } from "../../../env";
import { convertPoints, createCheckout, createStripeClient, findPlan, listPlans } from "../../../payments";
import { PREMIUM_RETURN_TEXT, PREMIUM_TEXT, PremiumPage, PremiumReturnPage } from "../../../views/premium-page";
import { describeError } from "../../error-rendering";
import { requireAccount } from "../guards";
import { formValidator } from "../input";

export const premiumPages = new Hono<AppEnv>();

const MESSAGES = {
  fr: {
    badPlan: "Choisissez une des formules proposées.", providerDown: "Le prestataire de paiement ne répond pas. Merci de réessayer dans un instant.",
    notEnoughPoints: "Pas assez de points pour une conversion.", converted: "Points convertis en temps premium.",
  },
  en: {
    badPlan: "Choose one of the plans offered.", providerDown: "The payment provider is not answering. Please try again in a moment.",
    notEnoughPoints: "Not enough points for a conversion.", converted: "Points converted into premium time.",
  },
} as const;

type Extra = { notice?: string; error?: string; status?: 200 | 400 | 409 | 502 | 503 };

async function renderPremium(c: Context<AppEnv>, extra: Extra = {}) {
  const accountId = c.var.session?.accountId ?? null;
  const account = accountId === null ? undefined : await findAccount(c.var.db, accountId);
  c.status(extra.status ?? 200);
  return c.render(
    <PremiumPage
      language={c.var.language} plans={listPlans()} available={createStripeClient(c.env) !== null}
      account={account ? { premiumUntil: account.premiumUntil, points: account.points } : null} now={Date.now()} notice={extra.notice} error={extra.error}
    />,
    { title: PREMIUM_TEXT[c.var.language].title, currentPath: "/premium" },
  );
}

premiumPages.get("/", (c) => renderPremium(c));

const PlanForm = v.object({ plan: v.picklist(Object.keys(PREMIUM_PLANS)) });

premiumPages.post("/checkout", requireAccount(), formValidator(PlanForm), async (c) => {
  const language = c.var.language;
  const form = c.req.valid("form");
  const plan = form.ok ? findPlan(form.value.plan) : null;
  if (!plan) return renderPremium(c, { error: MESSAGES[language].badPlan, status: 400 });
  const stripe = createStripeClient(c.env);
  if (!stripe) return renderPremium(c, { error: PREMIUM_TEXT[language].unavailable, status: 503 });
  try {
    const { url } = await createCheckout(
      { stripe, accountId: c.var.session!.accountId, plan, siteOrigin: c.env.SITE_ORIGIN, ipCountry: c.var.client.country, language },
      Date.now(),
    );
    return c.redirect(url, 303);
  } catch (error) {
    console.error(JSON.stringify({ event: "checkout_failed", requestId: c.var.requestId, error: describeError(error) }));
    return renderPremium(c, { error: MESSAGES[language].providerDown, status: 502 });
  }
});

premiumPages.post("/convert-points", requireAccount(), async (c) => {
  const converted = await convertPoints(c.var.db, { accountId: c.var.session!.accountId }, Date.now());
  const text = MESSAGES[c.var.language];
  return converted ? renderPremium(c, { notice: text.converted }) : renderPremium(c, { error: text.notEnoughPoints, status: 409 });
});

for (const outcome of ["success", "cancel"] as const) {
  premiumPages.get(`/${outcome}`, (c) => {
    const t = PREMIUM_RETURN_TEXT[c.var.language];
    return c.render(<PremiumReturnPage language={c.var.language} outcome={outcome} />, { title: outcome === "success" ? t.successTitle : t.cancelTitle, currentPath: "/premium" });
  });
}
