import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The operator commands against a local D1 state directory, as `npm run admin:create` and
// `npm run audit:verify` run them (Node, wrangler d1 execute, no web route).
const stateDir = mkdtempSync(join(tmpdir(), "relais-scripts-"));
const wrangler = join(process.cwd(), "node_modules", ".bin", "wrangler");
const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };

function sql(command: string): Record<string, unknown>[] {
  let out: string;
  try {
    out = execFileSync(wrangler, ["d1", "execute", "DB", "--local", "--persist-to", stateDir, "--json", "--command", command], { env, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`${failed.stdout ?? ""}${failed.stderr ?? ""}`);
  }
  return (JSON.parse(out) as { results: Record<string, unknown>[] }[])[0]!.results;
}

function run(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join("scripts", script), ...args, "--persist-to", stateDir], { env, encoding: "utf8" });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(() => {
  execFileSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], { env, stdio: "pipe", input: "" });
  sql(
    "INSERT INTO accounts (email, email_normalized, created_at, email_verified_at) VALUES " +
      "('Ops@Example.test', 'ops@example.test', 1, 1), ('second@example.test', 'second@example.test', 1, 1), " +
      "('third@example.test', 'third@example.test', 1, 1), ('unconfirmed@example.test', 'unconfirmed@example.test', 1, NULL)",
  );
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe("npm run admin:create", () => {
  it("promotes an existing, confirmed account to admin, and audits it", () => {
    const result = run("admin-create.ts", "--email", "OPS@example.test");
    expect(result.code).toBe(0);
    expect(result.out).toContain("is now an admin");
    expect(sql("SELECT role FROM accounts WHERE email_normalized = 'ops@example.test'")).toEqual([{ role: "admin" }]);
    expect(sql("SELECT seq, actor_role, action, subject FROM audit_log")).toEqual([{ seq: 1, actor_role: "operator", action: "change_role", subject: "account:1" }]);
  });

  it("tells the operator to sign up (or confirm) first, and changes nothing", () => {
    const unknown = run("admin-create.ts", "--email", "stranger@example.test");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("Sign up with it on the site");
    const unconfirmed = run("admin-create.ts", "--email", "unconfirmed@example.test");
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.err).toContain("has not confirmed its address");
    expect(run("admin-create.ts", "--email", "not an address").code).toBe(2);
    expect(sql("SELECT COUNT(*) AS n FROM accounts WHERE role = 'admin'")).toEqual([{ n: 1 }]);
    expect(sql("SELECT COUNT(*) AS n FROM audit_log")).toEqual([{ n: 1 }]);
  });
});

describe("npm run audit:verify", () => {
  it("prints the head hash of a valid chain and exits 0", () => {
    expect(run("admin-create.ts", "--email", "second@example.test").code).toBe(0);
    expect(run("admin-create.ts", "--email", "third@example.test").code).toBe(0);
    const head = sql("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")[0] as { seq: number; hash: string };
    const result = run("audit-verify.ts");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Audit chain valid: 3 rows.");
    expect(result.out).toContain(`Head: row 3 ${head.hash}`);
  });

  it("is refused UPDATE and DELETE on the audit table by D1 itself", () => {
    expect(() => sql("UPDATE audit_log SET subject = 'account:9' WHERE seq = 2")).toThrow(/append-only/);
    expect(() => sql("DELETE FROM audit_log WHERE seq = 2")).toThrow(/append-only/);
  });

  it("exits non-zero naming the row edited directly in D1 once the triggers are dropped", () => {
    sql("DROP TRIGGER audit_log_no_update");
    sql("UPDATE audit_log SET subject = 'account:9' WHERE seq = 2");
    const result = run("audit-verify.ts");
    expect(result.code).toBe(1);
    expect(result.err).toContain("Audit chain BROKEN at row 2 (hash_mismatch)");
  });
});
