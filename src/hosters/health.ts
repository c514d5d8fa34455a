/**
 * Hoster health: how many checks and downloads each hoster answered, and how many it failed, per
 * minute (counters only: no account, no link, no name), and the state read from the last hour.
 * A hoster that answered "no such file" or "wrong password" answered: only its own failures
 * (unreachable, broken replies, its limits) count against it.
 */
import { gte, sql } from "drizzle-orm";
import { HOSTER_DEGRADED_BELOW_SUCCESS_SHARE, HOSTER_DOWN_BELOW_SUCCESS_SHARE, HOSTER_HEALTH_MIN_OUTCOMES, HOSTER_HEALTH_WINDOW_MS } from "../config";
import type { MainDb } from "../db/client";
import { hosterOutcomes } from "../db/schema";
import { AppError } from "../errors";
import { MINUTE_MS } from "../lib/time";
import type { HosterStatus } from "./types";

export type OutcomeKind = "check" | "download";

/** Whether an error is the hoster failing, rather than its answer about the file or the request. */
export function isHosterFailure(error: unknown): boolean {
  return !(error instanceof AppError) || error.key === "hoster_unavailable" || error.key === "hoster_quota_exceeded";
}

/** Counts one outcome in its minute's row. A failed write is logged and forgotten: health never fails a request. */
export async function recordHosterOutcome(db: MainDb, input: { hosterId: string; kind: OutcomeKind; ok: boolean }, now: number): Promise<void> {
  const column = input.kind === "check" ? (input.ok ? "checksOk" : "checksFailed") : input.ok ? "downloadsOk" : "downloadsFailed";
  const minuteAt = now - (now % MINUTE_MS);
  try {
    await db
      .insert(hosterOutcomes)
      .values({ hosterId: input.hosterId, minuteAt, [column]: 1 })
      .onConflictDoUpdate({ target: [hosterOutcomes.hosterId, hosterOutcomes.minuteAt], set: { [column]: sql`${hosterOutcomes[column]} + 1` } });
  } catch (error) {
    console.error(JSON.stringify({ event: "hoster_outcome_write_failed", hoster: input.hosterId, error: error instanceof Error ? error.name : "unknown" }));
  }
}

export type OutcomeInput = {
  hosterId: string;
  kind: OutcomeKind;
  /** Runs the counter write after the answer (waitUntil); absent, the write is awaited. */
  defer?: (write: Promise<void>) => void;
};

/** Runs a hoster call and counts its outcome; the call's result or error passes through unchanged. */
export async function withHosterOutcome<T>(db: MainDb, input: OutcomeInput, now: number, call: () => Promise<T>): Promise<T> {
  const count = async (ok: boolean) => {
    const write = recordHosterOutcome(db, { hosterId: input.hosterId, kind: input.kind, ok }, now);
    if (input.defer) input.defer(write);
    else await write;
  };
  let value: T;
  try {
    value = await call();
  } catch (error) {
    await count(!isHosterFailure(error));
    throw error;
  }
  await count(true);
  return value;
}

export type HosterHealth = { checksOk: number; checksFailed: number; downloadsOk: number; downloadsFailed: number };

/** Every hoster's outcomes over the last HOSTER_HEALTH_WINDOW_MS (hosters without any are absent). */
export async function readHosterHealth(db: MainDb, now: number): Promise<Map<string, HosterHealth>> {
  const rows = await db
    .select({
      hosterId: hosterOutcomes.hosterId,
      checksOk: sql<number>`sum(${hosterOutcomes.checksOk})`,
      checksFailed: sql<number>`sum(${hosterOutcomes.checksFailed})`,
      downloadsOk: sql<number>`sum(${hosterOutcomes.downloadsOk})`,
      downloadsFailed: sql<number>`sum(${hosterOutcomes.downloadsFailed})`,
    })
    .from(hosterOutcomes)
    .where(gte(hosterOutcomes.minuteAt, now - HOSTER_HEALTH_WINDOW_MS))
    .groupBy(hosterOutcomes.hosterId);
  return new Map(rows.map(({ hosterId, ...health }) => [hosterId, health]));
}

/** What the hosters page and hosts/status say: the operator's and the adapter's word first, then the recent outcomes. */
export type HosterState = "up" | "degraded" | "down" | "maintenance";

export type HosterReport = {
  state: HosterState;
  /** Share of successful outcomes in the window, or null when there were too few to say. */
  successShare: number | null;
  outcomes: number;
};

export function reportHoster(status: HosterStatus, health: HosterHealth | undefined): HosterReport {
  const ok = (health?.checksOk ?? 0) + (health?.downloadsOk ?? 0);
  const outcomes = ok + (health?.checksFailed ?? 0) + (health?.downloadsFailed ?? 0);
  const successShare = outcomes >= HOSTER_HEALTH_MIN_OUTCOMES ? ok / outcomes : null;
  if (status !== "up") return { state: status, successShare, outcomes };
  const state = successShare === null || successShare >= HOSTER_DEGRADED_BELOW_SUCCESS_SHARE ? "up" : successShare < HOSTER_DOWN_BELOW_SUCCESS_SHARE ? "down" : "degraded";
  return { state, successShare, outcomes };
}
