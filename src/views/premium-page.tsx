/** The premium page: the plans on sale, fidelity points, and the pages Stripe's Checkout returns to. */
import { FREE_BYTES_PER_DAY, FREE_LINKS_PER_DAY, MAX_ACTIVE_TRANSFERS, POINTS_PER_CONVERSION_BLOCK, PREMIUM_DAYS_PER_CONVERSION_BLOCK } from "../config";
import type { Language } from "../lib/language";
import { formatBytes, formatDateTime, formatPrice } from "./format";
import { Notice } from "./form";

export type PremiumPlanRow = { id: string; days: number; priceMinor: number; currency: string; points: number };

export type PremiumPageProps = {
  language: Language;
  plans: PremiumPlanRow[];
  /** False when no payment provider is configured: plans are shown, but cannot be bought. */
  available: boolean;
  /** Null for a visitor: buying needs an account. */
  account: { premiumUntil: number | null; points: number } | null;
  now: number;
  notice?: string;
  error?: string;
};

const TEXT = {
  fr: {
    title: "Premium",
    intro: (links: number, bytes: string, parallel: number) =>
      `Le compte gratuit permet ${links} liens et ${bytes} par jour, ${parallel} téléchargements à la fois, et pas les hébergeurs réservés au premium. Le premium lève ces limites.`,
    plan: (days: number) => `${days} jours`, price: "Prix", points: (n: number) => `${n} points de fidélité`, buy: (days: number) => `Acheter ${days} jours`,
    unavailable: "Les paiements ne sont pas configurés sur ce serveur : les formules ne peuvent pas être achetées pour l'instant.",
    login: "Connectez-vous pour acheter du temps premium.", loginLink: "Connexion",
    cardNote: "Le paiement se fait sur la page sécurisée de notre prestataire, Stripe : vos données de carte ne passent jamais par nos serveurs. Le temps premium est crédité dès que Stripe nous confirme le paiement.",
    status: "Votre compte :", premiumUntil: (date: string) => `premium jusqu'au ${date}`, free: "gratuit",
    pointsTitle: "Points de fidélité", pointsBalance: (n: number) => `Vous avez ${n} points.`,
    pointsRule: (block: number, days: number) => `Chaque achat rapporte des points ; ${block} points se convertissent en ${days} jours de premium (par tranches entières, le reste est gardé).`,
    convert: "Convertir mes points",
  },
  en: {
    title: "Premium",
    intro: (links: number, bytes: string, parallel: number) =>
      `A free account allows ${links} links and ${bytes} a day, ${parallel} downloads at once, and no premium-only hosters. Premium lifts these limits.`,
    plan: (days: number) => `${days} days`, price: "Price", points: (n: number) => `${n} fidelity points`, buy: (days: number) => `Buy ${days} days`,
    unavailable: "Payments are not configured on this server: plans cannot be bought for now.",
    login: "Log in to buy premium time.", loginLink: "Log in",
    cardNote: "You pay on the secure page of our provider, Stripe: your card details never pass through our servers. Premium time is credited as soon as Stripe confirms the payment to us.",
    status: "Your account:", premiumUntil: (date: string) => `premium until ${date}`, free: "free",
    pointsTitle: "Fidelity points", pointsBalance: (n: number) => `You have ${n} points.`,
    pointsRule: (block: number, days: number) => `Each purchase earns points; ${block} points convert into ${days} days of premium (in whole blocks, the rest is kept).`,
    convert: "Convert my points",
  },
} as const;

export function PremiumPage(props: PremiumPageProps) {
  const t = TEXT[props.language];
  const lang = props.language;
  const account = props.account;
  const premium = account?.premiumUntil != null && account.premiumUntil > props.now;
  return (
    <>
      <h1>{t.title}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <p>{t.intro(FREE_LINKS_PER_DAY, formatBytes(FREE_BYTES_PER_DAY, lang), MAX_ACTIVE_TRANSFERS.free)}</p>
      {account ? (
        <p data-testid="premium-status">
          {t.status} {premium ? t.premiumUntil(formatDateTime(account.premiumUntil!, lang)) : t.free}
        </p>
      ) : null}
      {props.available ? null : <Notice kind="error">{t.unavailable}</Notice>}
      {account || !props.available ? null : (
        <p>
          {t.login} <a href="/login?next=%2Fpremium">{t.loginLink}</a>
        </p>
      )}
      <div class="plans">
        {props.plans.map((plan) => (
          <section class="card" data-plan={plan.id}>
            <h2>{t.plan(plan.days)}</h2>
            <p>
              <strong>{formatPrice(plan.priceMinor, plan.currency, lang)}</strong> — {t.points(plan.points)}
            </p>
            <form method="post" action="/premium/checkout">
              <input type="hidden" name="plan" value={plan.id} />
              <button type="submit" disabled={!props.available || !account}>{t.buy(plan.days)}</button>
            </form>
          </section>
        ))}
      </div>
      <p class="muted">{t.cardNote}</p>
      <section class="card">
        <h2>{t.pointsTitle}</h2>
        <p>{t.pointsRule(POINTS_PER_CONVERSION_BLOCK, PREMIUM_DAYS_PER_CONVERSION_BLOCK)}</p>
        {account ? (
          <>
            <p data-testid="points-balance">{t.pointsBalance(account.points)}</p>
            <form method="post" action="/premium/convert-points">
              <button type="submit" class="secondary" disabled={account.points < POINTS_PER_CONVERSION_BLOCK}>{t.convert}</button>
            </form>
          </>
        ) : null}
      </section>
    </>
  );
}

const RETURN_TEXT = {
  fr: {
    successTitle: "Merci !",
    success: "Votre paiement est enregistré chez Stripe. Le temps premium est crédité dès que Stripe nous le confirme, en général en quelques secondes : rechargez votre page de compte.",
    cancelTitle: "Paiement annulé", cancel: "Vous n'avez pas été débité.",
    account: "Mon compte", back: "Revenir aux formules",
  },
  en: {
    successTitle: "Thank you!",
    success: "Your payment is recorded at Stripe. Premium time is credited as soon as Stripe confirms it to us, usually within seconds: reload your account page.",
    cancelTitle: "Payment cancelled", cancel: "You were not charged.",
    account: "My account", back: "Back to the plans",
  },
} as const;

/** Where Checkout sends the buyer back. It never grants anything: only the signed webhook does. */
export function PremiumReturnPage(props: { language: Language; outcome: "success" | "cancel" }) {
  const t = RETURN_TEXT[props.language];
  const success = props.outcome === "success";
  return (
    <>
      <h1>{success ? t.successTitle : t.cancelTitle}</h1>
      <p>{success ? t.success : t.cancel}</p>
      <p>
        <a href="/account">{t.account}</a> · <a href="/premium">{t.back}</a>
      </p>
    </>
  );
}

export { TEXT as PREMIUM_TEXT, RETURN_TEXT as PREMIUM_RETURN_TEXT };
