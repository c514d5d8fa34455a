/** The premium plans on sale, as pages and the ledger read them (prices and points live in config.ts). */
import { PREMIUM_CURRENCY, PREMIUM_PLANS, type PremiumPlanId } from "../config";
import { DAY_MS } from "../lib/time";

export type PlanOffer = { id: PremiumPlanId; days: number; priceMinor: number; currency: string; points: number };

/** Every plan, shortest first. */
export function listPlans(): PlanOffer[] {
  return (Object.keys(PREMIUM_PLANS) as PremiumPlanId[]).map(offer).sort((a, b) => a.days - b.days);
}

/** The plan named by a Checkout Session's `metadata.plan`, or null when it names none. */
export function findPlan(id: unknown): PlanOffer | null {
  return typeof id === "string" && Object.hasOwn(PREMIUM_PLANS, id) ? offer(id as PremiumPlanId) : null;
}

function offer(id: PremiumPlanId): PlanOffer {
  return { id, ...PREMIUM_PLANS[id], currency: PREMIUM_CURRENCY };
}

export function planDurationMs(plan: { days: number }): number {
  return plan.days * DAY_MS;
}
