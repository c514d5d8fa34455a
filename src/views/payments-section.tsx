/** The account page's premium section: fidelity points, the way to buy, and the payments made. */
import type { Language } from "../lib/language";
import { formatDateTime, formatPrice } from "./format";

export type PaymentRow = { at: number; planDays: number | null; amountMinor: number | null; currency: string | null; status: "pending" | "paid" | "failed" | "refunded" | "dispute_lost" };
export type PaymentsSectionProps = { language: Language; points: number; payments: PaymentRow[] };

const TEXT = {
  fr: {
    title: "Premium et paiements", points: (n: number) => `Points de fidélité : ${n}`, buy: "Acheter du temps premium ou convertir des points",
    none: "Aucun paiement.", caption: "Vos paiements", date: "Date", plan: "Formule", amount: "Montant", status: "État", days: (n: number) => `${n} jours`,
    statuses: { pending: "en attente", paid: "payé", failed: "échoué", refunded: "remboursé", dispute_lost: "contesté (perdu)" },
  },
  en: {
    title: "Premium and payments", points: (n: number) => `Fidelity points: ${n}`, buy: "Buy premium time or convert points",
    none: "No payment.", caption: "Your payments", date: "Date", plan: "Plan", amount: "Amount", status: "Status", days: (n: number) => `${n} days`,
    statuses: { pending: "pending", paid: "paid", failed: "failed", refunded: "refunded", dispute_lost: "disputed (lost)" },
  },
} as const;

export function PaymentsSection(props: PaymentsSectionProps) {
  const t = TEXT[props.language];
  return (
    <section class="card" data-testid="payments">
      <h2>{t.title}</h2>
      <p data-testid="account-points">{t.points(props.points)}</p>
      <p>
        <a href="/premium">{t.buy}</a>
      </p>
      {props.payments.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t.caption}</caption>
            <thead>
              <tr><th scope="col">{t.date}</th><th scope="col">{t.plan}</th><th scope="col">{t.amount}</th><th scope="col">{t.status}</th></tr>
            </thead>
            <tbody>
              {props.payments.map((payment) => (
                <tr data-status={payment.status}>
                  <td>{formatDateTime(payment.at, props.language)}</td>
                  <td>{payment.planDays === null ? "—" : t.days(payment.planDays)}</td>
                  <td>{payment.amountMinor === null || payment.currency === null ? "—" : formatPrice(payment.amountMinor, payment.currency, props.language)}</td>
                  <td>{t.statuses[payment.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
