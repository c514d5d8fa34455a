/** Quotas: plans, daily limits and parallel downloads. */
export { accountPlan, accountStatus, admitUnrestrict, openByteBudget, readDayUse, type ByteBudget, type DayUse, type UnrestrictAdmission } from "./admission";
export { endTransfer, startTransfer } from "./active-transfers";
export { assertHosterAllowed, limitsFor, planOf, type Limit } from "./limits";
