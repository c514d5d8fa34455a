/** Quotas: plans, daily limits and parallel downloads. */
export { accountPlan, accountStatus, admitUnrestrict, openByteBudget, readDayUse, type ByteBudget, type DayUse, type UnrestrictAdmission } from "./admission";
export { endTransfer, startTransfer } from "./active-transfers";
export { limitsFor, planOf, type Limit } from "./limits";
