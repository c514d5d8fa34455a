/**
 * Quota admissions: whether an account may unrestrict one more link, and the bytes a download may
 * send. Each reads the plan and the day's use once; the counters themselves enforce the caps
 * atomically when they are updated (traffic/counters.ts), so parallel requests cannot pass them.
 */
import { eq } from "drizzle-orm";
import { MAX_ACTIVE_TRANSFERS, REMOTE_BYTES_PER_DAY, type Plan } from "../config";
import type { MainDb } from "../db/client";
import { accounts } from "../db/schema";
import { AppError } from "../errors";
import type { HosterLimits } from "../hosters/types";
import { DAY_MS, utcDayStart } from "../lib/time";
import { addBytesSent, addWithinCapsStatement, refundBytes, usageOnDay, type HostUsage, type TrafficCaps, type TrafficKey } from "../traffic/counters";
import { addRemoteBytes, addRemoteWithinCapStatement, refundRemoteBytes, remoteUsageOnDay } from "../traffic/remote";
import { assertHosterAllowed, capsFor, limitError, limitPassedBy, limitsFor, planOf } from "./limits";

/** The plan of an account and whether it is locked (error 14), or null when it does not exist. */
export async function accountStatus(db: MainDb, accountId: number, now: number): Promise<{ plan: Plan; locked: boolean } | null> {
  const row = await db.query.accounts.findFirst({ columns: { premiumUntil: true, lockedAt: true }, where: eq(accounts.id, accountId) });
  return row ? { plan: planOf(row.premiumUntil, now), locked: row.lockedAt !== null } : null;
}

/** The plan of an account, or null when it does not exist (callers that also need the lock use accountStatus). */
export async function accountPlan(db: MainDb, accountId: number, now: number): Promise<Plan | null> {
  return (await accountStatus(db, accountId, now))?.plan ?? null;
}

export type DayUse = { plan: Plan; usage: HostUsage[]; verified: boolean; locked: boolean; remoteBytes: number };

/** The plan, today's use (remote traffic included), whether the address is confirmed and the account locked, read in one batch. */
export async function readDayUse(db: MainDb, accountId: number, now: number): Promise<DayUse> {
  const [rows, usage, remote] = await db.batch([
    db.select({ premiumUntil: accounts.premiumUntil, emailVerifiedAt: accounts.emailVerifiedAt, lockedAt: accounts.lockedAt }).from(accounts).where(eq(accounts.id, accountId)),
    usageOnDay(db, accountId, now),
    remoteUsageOnDay(db, accountId, now),
  ]);
  const row = rows[0];
  if (!row) throw new AppError("bad_token");
  return { plan: planOf(row.premiumUntil, now), usage, verified: row.emailVerifiedAt !== null, locked: row.lockedAt !== null, remoteBytes: remote[0]?.bytes ?? 0 };
}

/** The refusal of remote traffic used up for the day: 503 code 23, with what is left and when it resets. */
function remoteExhausted(plan: Plan, used: number, now: number): AppError {
  const resetAt = utcDayStart(now) + DAY_MS;
  return new AppError("remote_traffic_exhausted", {
    retryAfterSeconds: Math.ceil((resetAt - now) / 1000),
    details: { plan, limit_type: "remote_bytes", limit: REMOTE_BYTES_PER_DAY[plan], used, left: Math.max(0, REMOTE_BYTES_PER_DAY[plan] - used), reset_at: new Date(resetAt).toISOString() },
  });
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

export type UnrestrictRequest = { accountId: number; hoster: HosterLimits; host: string; remote?: boolean; known?: DayUse };

/**
 * Admits one more link on `host`, or throws account_locked (14), account_not_verified (15: the
 * address must be confirmed first), hoster_not_free (20), the limit reached (18, 23, 36), or for a
 * remote link, remote traffic used up (23).
 */
export async function admitUnrestrict(db: MainDb, input: UnrestrictRequest, now: number): Promise<UnrestrictAdmission> {
  const { plan, usage, verified, locked, remoteBytes } = input.known ?? (await readDayUse(db, input.accountId, now));
  if (locked) throw new AppError("account_locked");
  if (!verified) throw new AppError("account_not_verified");
  if (input.remote && remoteBytes >= REMOTE_BYTES_PER_DAY[plan]) throw remoteExhausted(plan, remoteBytes, now);
  assertHosterAllowed(plan, input.hoster);
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
 * (refused if they do not fit), and what was not sent is given back when the stream ends. A
 * remote link's bytes also count against the day's remote allowance (REMOTE_BYTES_PER_DAY).
 */
export function openByteBudget(db: MainDb, input: { accountId: number; plan: Plan; hoster: HosterLimits; host: string; remote?: boolean }, now: number): ByteBudget {
  const key: TrafficKey = { accountId: input.accountId, host: input.host };
  const caps = capsFor(input.plan, input.hoster, input.host, "bytes");
  const remoteCap = REMOTE_BYTES_PER_DAY[input.plan];
  const byteLimits = async () => limitsFor(input.plan, input.hoster, input.host, await usageOnDay(db, input.accountId, now)).filter((limit) => limit.type === "bytes");
  const remoteUsed = async () => (await remoteUsageOnDay(db, input.accountId, now))[0]?.bytes ?? 0;
  let reserved = 0;
  return {
    async reserve(amount) {
      if (amount <= 0) return;
      if (input.remote && (await addRemoteWithinCapStatement(db, input.accountId, amount, remoteCap, now).run()).meta.changes !== 1) {
        throw remoteExhausted(input.plan, await remoteUsed(), now);
      }
      const { meta } = await addWithinCapsStatement(db, "bytes", key, amount, caps, now).run();
      if (meta.changes !== 1) {
        if (input.remote) await refundRemoteBytes(db, input.accountId, amount, now);
        throw limitError(input.plan, limitPassedBy(input.plan, input.hoster, input.host, await usageOnDay(db, input.accountId, now), "bytes", amount), now);
      }
      reserved += amount;
    },
    reserved: () => reserved,
    async allowance() {
      const left = (await byteLimits()).map((limit) => limit.limit - limit.used);
      if (input.remote) left.push(remoteCap - (await remoteUsed()));
      return Math.max(0, Math.min(...left));
    },
    async assertAvailable() {
      const exhausted = (await byteLimits()).find((limit) => limit.used >= limit.limit);
      if (exhausted) throw limitError(input.plan, exhausted, now);
      if (input.remote) {
        const used = await remoteUsed();
        if (used >= remoteCap) throw remoteExhausted(input.plan, used, now);
      }
    },
    async settle(sent) {
      if (sent > reserved) {
        await Promise.all([addBytesSent(db, key, sent - reserved, now), input.remote ? addRemoteBytes(db, input.accountId, sent - reserved, now) : null]);
      } else {
        await Promise.all([refundBytes(db, key, reserved - sent, now), input.remote ? refundRemoteBytes(db, input.accountId, reserved - sent, now) : null]);
      }
    },
  };
}
