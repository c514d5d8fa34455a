/**
 * `npm run admin:create -- --email <address> [--remote]`: makes an existing, confirmed account an
 * admin, and writes the role change to the audit chain. Never a web route. Whoever signs up first
 * is nobody special: the operator promotes, from the command line, an account they own.
 */
import { canonicalJson, GENESIS_HASH, hashAuditRow } from "../src/audit/chain.ts";
import { parseEmailAddress } from "../src/lib/email-address.ts";
import { executeD1, parseArgs, sqlText } from "./lib/d1-cli.ts";

const { target, options } = parseArgs(process.argv.slice(2));
// The site's own rule, so the address finds the account it signed up (no length cap: a lookup).
const address = parseEmailAddress(options.get("email") ?? "", Number.MAX_SAFE_INTEGER);
if (!address) {
  console.error("Usage: npm run admin:create -- --email <address> [--remote]");
  process.exit(2);
}
const { email, normalized } = address;
const [found = []] = executeD1(target, `SELECT id, role, email_verified_at FROM accounts WHERE email_normalized = ${sqlText(normalized)}`);
const account = found[0] as { id: number; role: string; email_verified_at: number | null } | undefined;
if (!account) {
  console.error(`No account has the address ${email}. Sign up with it on the site (/register), confirm it from the mail, then run this command again.`);
  process.exit(1);
}
if (account.email_verified_at === null) {
  console.error(`The account ${email} has not confirmed its address yet: confirm it from the mail, then run this command again.`);
  process.exit(1);
}
if (account.role === "admin") {
  console.log(`Account #${account.id} (${email}) is already an admin.`);
  process.exit(0);
}

// The role change and its audit row in one command; a concurrent staff action that took the next
// position makes the insert fail on the seq key, and we chain onto the new head.
for (let attempt = 1; ; attempt++) {
  const [headRows = []] = executeD1(target, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  const head = headRows[0] as { seq: number; hash: string } | undefined;
  const content = {
    seq: (head?.seq ?? 0) + 1,
    at: Date.now(),
    actorAccountId: null,
    actorRole: "operator",
    action: "change_role",
    outcome: "done",
    subject: `account:${account.id}`,
    details: canonicalJson({ from: account.role, to: "admin", via: "admin:create" }),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = await hashAuditRow(prevHash, content);
  try {
    executeD1(
      target,
      `UPDATE accounts SET role = 'admin' WHERE id = ${account.id}; ` +
        `INSERT INTO audit_log (seq, at, actor_account_id, actor_role, action, outcome, subject, details, prev_hash, hash) VALUES (` +
        `${content.seq}, ${content.at}, NULL, 'operator', 'change_role', 'done', ${sqlText(content.subject)}, ${sqlText(content.details)}, ${sqlText(prevHash)}, ${sqlText(hash)})`,
    );
    break;
  } catch (error) {
    if (!/UNIQUE constraint failed: audit_log\.seq/.test(String(error)) || attempt >= 5) throw error;
  }
}
console.log(`Account #${account.id} (${email}) is now an admin${target.remote ? " (production)" : " (local database)"}. The change is in the audit log.`);
