/** The transparency report: per half-year (UTC, by date received), computed from the register, never written by hand. */
import { eq, sql } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { legalExports, legalRequests } from "../db/schema";
import { LEGAL_BASIS_IDS, type LegalBasis } from "./categories";

export type HalfYearFigures = {
  /** `2027-H1` (January–June) or `2027-H2`. */
  period: string;
  received: number;
  byBasis: Record<LegalBasis, number>;
  complied: number;
  partly: number;
  refused: number;
  pending: number;
  /** Distinct accounts whose data was disclosed for the half-year's requests. */
  accountsAffected: number;
};

const HALF = sql<string>`strftime('%Y', ${legalRequests.receivedAt} / 1000, 'unixepoch') || '-H' || (CASE WHEN CAST(strftime('%m', ${legalRequests.receivedAt} / 1000, 'unixepoch') AS INTEGER) <= 6 THEN 1 ELSE 2 END)`;

/** Every half-year with at least one request, newest first. */
export async function computeTransparencyReport(db: MainDb): Promise<HalfYearFigures[]> {
  const [counts, affected] = await db.batch([
    db
      .select({ period: HALF, basis: legalRequests.legalBasis, status: legalRequests.status, n: sql<number>`count(*)` })
      .from(legalRequests)
      .groupBy(HALF, legalRequests.legalBasis, legalRequests.status),
    // Raw json_each: drizzle has no table-valued functions; the account ids of each export are a JSON array.
    db
      .select({ period: HALF, n: sql<number>`count(DISTINCT j.value)` })
      .from(legalExports)
      .innerJoin(legalRequests, eq(legalRequests.id, legalExports.requestId))
      .innerJoin(sql`json_each(${legalExports.accountIds}) j`, sql`1`)
      .groupBy(HALF),
  ]);
  const periods = new Map<string, HalfYearFigures>();
  for (const row of counts) {
    const figures =
      periods.get(row.period) ??
      { period: row.period, received: 0, byBasis: Object.fromEntries(LEGAL_BASIS_IDS.map((b) => [b, 0])) as Record<LegalBasis, number>, complied: 0, partly: 0, refused: 0, pending: 0, accountsAffected: 0 };
    periods.set(row.period, figures);
    figures.received += row.n;
    figures.byBasis[row.basis] += row.n;
    if (row.status === "approved") figures.complied += row.n;
    if (row.status === "partly_approved") figures.partly += row.n;
    if (row.status === "refused") figures.refused += row.n;
    if (row.status === "pending") figures.pending += row.n;
  }
  for (const row of affected) {
    const figures = periods.get(row.period);
    if (figures) figures.accountsAffected = row.n;
  }
  return [...periods.values()].sort((a, b) => (a.period < b.period ? 1 : -1));
}
