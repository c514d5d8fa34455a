import { env } from "cloudflare:workers";

/** The single number a `SELECT COUNT(*) AS n` query returns. */
export async function get(sql: string, ...params: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())!.n;
}
