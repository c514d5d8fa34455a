/**
 * Quota admissions: whether an account may unrestrict one more link, and the bytes a download may
 * send. Each reads the plan and the day's use once; the counters themselves enforce the caps
 * atomically when they are updated (traffic/counters.ts), so parallel requests cannot pass them.
 */
import { eq } from "drizzle-orm";
import { MAX_ACTIVE_TRANSFERS, type Plan } from "../config";
import type { MainDb } from "../db/client";
import { accounts } from "../db/schema";
import { AppError } from "../errors";
import type { HosterLimits } from "../hosters/types";
import { addBytesSent, addWithinCapsStatement, refundBytes, usageOnDay, type HostUsage, type TrafficCaps, type TrafficKey } from "../traffic/counters";
import { capsFor, limitError, limitPassedBy, limitsFor, planOf } from "./limits";

/** The plan of an account, or null when it does not exist. */
export async function accountPlan(db: MainDb, accountId: number, now: number): Promise<Plan | null> {
  const row = await db.query.accounts.findFirst({ columns: { premiumUntil: true }, where: eq(accounts.id, accountId) });
  return row ? planOf(row.premiumUntil, now) : null;
}

export type DayUse = { plan: Plan; usage: HostUsage[]; verified: boolean };

/** The plan, today's use and whether the address is confirmed, read in one batch. */
export async function readDayUse(db: MainDb, accountId: number, now: number): Promise<DayUse> {
  const [rows, usage] = await db.batch([
    db.select({ premiumUntil: accounts.premiumUntil, emailVerifiedAt: accounts.emailVerifiedAt }).from(accounts).where(eq(accounts.id, accountId)),
    usageOnDay(db, accountId, now),
  ]);
  const row = rows[0];
  if (!row) throw new AppError("bad_token");
  return { plan: planOf(row.premiumUntil, now), usage, verified: row.emailVerifiedAt !== null };
}

export type UnrestrictAdmission = {
  plan: Plan;
  /** Caps of the links counter that the recording batch must stay within. */
  linkCaps: TrafficCaps;
  /** Parallel connections a downloader may open: the hoster's, within the plan's parallel downloads. */
  chunks: number;
  /** The refusal to give when the recording batch finds the links limit reached meanwhile. */
  linksExhausted(): AppError;
};

export type UnrestrictRequest = { accountId: number; hoster: HosterLimits; host: string; known?: DayUse };

/**
 * Admits one more link on `host`, or throws account_not_verified (15: the address must be confirmed
 * first), hoster_not_free (20) or the limit reached (18, 23, 36).
 */
export async function admitUnrestrict(db: MainDb, input: UnrestrictRequest, now: number): Promise<UnrestrictAdmission> {
  const { plan, usage, verified } = input.known ?? (await readDayUse(db, input.accountId, now));
  if (!verified) throw new AppError("account_not_verified");
  if (plan === "free" && !input.hoster.free) throw new AppError("hoster_not_free", { details: { plan, premium_required: true } });
  const exhausted = limitsFor(plan, input.hoster, input.host, usage).find((limit) => limit.used >= limit.limit);
  if (exhausted) throw limitError(plan, exhausted, now);
  return {
    plan,
    linkCaps: capsFor(plan, input.hoster, input.host, "links"),
    chunks: Math.min(input.hoster.maxChunks, MAX_ACTIVE_TRANSFERS[plan]),
    linksExhausted: () => limitError(plan, limitPassedBy(plan, input.hoster, input.host, usage, "links", 1), now),
  };
}

export type ByteBudget = {
  /** Reserves `amount` more bytes in today's counter, or throws the limit it would pass. */
  reserve(amount: number): Promise<void>;
  /** Bytes reserved so far. */
  reserved(): number;
  /** Bytes still allowed today (the smallest room left under the bytes limits). */
  allowance(): Promise<number>;
  /** Throws when a bytes limit of today is used up. */
  assertAvailable(): Promise<void>;
  /** Counts what was sent against what was reserved: the rest is added, or the unsent part given back. */
  settle(sent: number): Promise<void>;
};

/**
 * The bytes budget of one download response. Bytes are reserved before the origin is opened
 * (refused if they do not fit), and what was not sent is given back when the stream ends.
 */
export function openByteBudget(db: MainDb, input: { accountId: number; plan: Plan; hoster: HosterLimits; host: string }, now: number): ByteBudget {
  const key: TrafficKey = { accountId: input.accountId, host: input.host };
  const caps = capsFor(input.plan, input.hoster, input.host, "bytes");
  const byteLimits = async () => limitsFor(input.plan, input.hoster, input.host, await usageOnDay(db, input.accountId, now)).filter((limit) => limit.type === "bytes");
  let reserved = 0;
  return {
    async reserve(amount) {
      if (amount <= 0) return;
      const { meta } = await addWithinCapsStatement(db, "bytes", key, amount, caps, now).run();
      if (meta.changes !== 1) {
        throw limitError(input.plan, limitPassedBy(input.plan, input.hoster, input.host, await usageOnDay(db, input.accountId, now), "bytes", amount), now);
      }
      reserved += amount;
    },
    reserved: () => reserved,
    async allowance() {
      return Math.max(0, Math.min(...(await byteLimits()).map((limit) => limit.limit - limit.used)));
    },
    async assertAvailable() {
      const exhausted = (await byteLimits()).find((limit) => limit.used >= limit.limit);
      if (exhausted) throw limitError(input.plan, exhausted, now);
    },
    settle(sent) {
      return sent > reserved ? addBytesSent(db, key, sent - reserved, now) : refundBytes(db, key, reserved - sent, now);
    },
  };
}
