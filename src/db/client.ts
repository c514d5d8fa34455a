/** Drizzle clients for the two D1 databases. */
import { drizzle } from "drizzle-orm/d1";
import * as mainSchema from "./schema";
import * as journalSchema from "./journal-schema";

export function mainDb(d1: D1Database) {
  return drizzle(d1, { schema: mainSchema });
}
export type MainDb = ReturnType<typeof mainDb>;

export function journalDb(d1: D1Database) {
  return drizzle(d1, { schema: journalSchema });
}
export type JournalDb = ReturnType<typeof journalDb>;
