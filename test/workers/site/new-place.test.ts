import { countRows } from "../../helpers/storage";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { challengeFromPage, linkFromMail, loginCodeFromMail, PLACES, registeredClient, waitForMail, WebClient } from "../../helpers/web-client";

const FIREFOX = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" };

/** A person in Paris who signed up and signed in there. */
async function parisUser() {
  return registeredClient({ ip: "198.51.100.10", cf: PLACES.paris });
}

/** Signs in from São Paulo: the right password, held for the mailed code. */
async function holdInSaoPaulo(email: string, password: string) {
  const traveller = new WebClient("203.0.113.50", PLACES.saoPaulo, FIREFOX);
  const held = await traveller.post("/login", { email, password });
  return { traveller, held };
}

describe("new-place sign-in check", () => {
  it("lets Paris in without a code, holds São Paulo until the mailed code, mails a notice whose link revokes that session", async () => {
    const { client: home, email, password } = await parisUser();
    // Signed up in Paris (FR, AS3215): signing in again from there needs no code.
    const again = await new WebClient("198.51.100.11", PLACES.paris).post("/login", { email, password });
    expect(again.status).toBe(303);

    const { traveller, held } = await holdInSaoPaulo(email, password);
    expect(held.status).toBe(200);
    expect(held.html).toContain("Confirm this sign-in");
    expect(held.setCookies).toHaveLength(0);
    expect((await traveller.get("/account")).status).toBe(303);

    const codeMail = await waitForMail(email, "Sign-in code");
    expect(codeMail.body).toContain("São Paulo, BR");
    expect(codeMail.body).toContain("AS28573 (Claro)");
    expect(codeMail.body).toContain("Firefox · Linux");
    const code = loginCodeFromMail(codeMail.body);
    const entered = await traveller.post("/login/code", { challenge: challengeFromPage(held.html), code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(entered.status).toBe(303);
    expect(entered.setCookies).toHaveLength(1);
    expect((await traveller.get("/account")).status).toBe(200);

    // The owner is told where and with what, and can end that session with one click (confirmed by POST).
    const notice = await waitForMail(email, "New sign-in");
    expect(notice.body).toContain("São Paulo, BR · AS28573 (Claro)");
    expect(notice.body).toContain("Firefox · Linux");
    expect(notice.body).toContain("203.0.113.50");
    const revokeLink = linkFromMail(notice.body, "/revoke-session");
    const landing = await home.get(`${revokeLink.pathname}${revokeLink.search}`);
    expect(landing.status).toBe(200);
    expect((await traveller.get("/account")).status).toBe(200);
    const revoked = await home.post("/revoke-session", { token: revokeLink.searchParams.get("token")! });
    expect(revoked.status).toBe(200);
    expect((await traveller.get("/account")).status).toBe(303);
    // Only that session: the owner's own is still open, and the event is on record.
    expect((await home.get("/account")).status).toBe(200);
    expect(await countRows("security_events", "kind = 'session_revoked_by_mail'")).toBe(1);
    expect((await home.post("/revoke-session", { token: revokeLink.searchParams.get("token")! })).status).toBe(400);

    // Success added the place: the next sign-in from São Paulo needs no code.
    expect((await new WebClient("203.0.113.51", PLACES.saoPaulo).post("/login", { email, password })).status).toBe(303);
  });

  it("holds a sign-in from a known country on another network operator, and one from a known operator in another country", async () => {
    const { email, password } = await parisUser();
    const otherOperator = await new WebClient("198.51.100.20", { ...PLACES.paris, asn: 12322, asOrganization: "Free" }).post("/login", { email, password });
    expect(otherOperator.status).toBe(200);
    expect(otherOperator.html).toContain("Confirm this sign-in");
    const otherCountry = await new WebClient("198.51.100.21", { ...PLACES.berlin, asn: 3215 }).post("/login", { email, password });
    expect(otherCountry.status).toBe(200);
  });

  it("refuses the 6th code once 5 wrong ones were typed, even the right one, then a new code works", async () => {
    const { email, password } = await parisUser();
    const { traveller, held } = await holdInSaoPaulo(email, password);
    const challenge = challengeFromPage(held.html);
    const code = loginCodeFromMail((await waitForMail(email, "Sign-in code")).body);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 1; i <= 5; i++) {
      const page = await traveller.post("/login/code", { challenge, code: wrong });
      expect(page.status, `wrong code ${i}`).toBe(400);
      expect(page.setCookies).toHaveLength(0);
    }
    const sixth = await traveller.post("/login/code", { challenge, code });
    expect(sixth.status).toBe(400);
    expect(sixth.html).toContain("5 wrong codes");
    expect(sixth.setCookies).toHaveLength(0);
    expect(await countRows("login_events", "reason = 'wrong_code'")).toBeGreaterThanOrEqual(5);

    const resent = await traveller.post("/login/code/resend", { challenge });
    expect(resent.status).toBe(200);
    const newMail = await waitForMail(email, "Sign-in code");
    const newCode = loginCodeFromMail(newMail.body);
    // The old code is dead even though the attempts start again.
    if (newCode !== code) expect((await traveller.post("/login/code", { challenge, code })).status).toBe(400);
    const entered = await traveller.post("/login/code", { challenge, code: newCode });
    expect(entered.status).toBe(303);
  });

  it("binds a code to its attempt: another held attempt, a replay after success, an expired challenge all fail", async () => {
    const { email, password } = await parisUser();
    const first = await holdInSaoPaulo(email, password);
    const firstCode = loginCodeFromMail((await waitForMail(email, "Sign-in code")).body);
    const second = await holdInSaoPaulo(email, password);
    const secondChallenge = challengeFromPage(second.held.html);
    // The first attempt's code does not open the second attempt.
    const crossed = await second.traveller.post("/login/code", { challenge: secondChallenge, code: firstCode });
    expect(crossed.status).toBe(400);

    const firstChallenge = challengeFromPage(first.held.html);
    expect((await first.traveller.post("/login/code", { challenge: firstChallenge, code: firstCode })).status).toBe(303);
    // Replayed, from anywhere: dead.
    const replay = await new WebClient("203.0.113.60", PLACES.saoPaulo).post("/login/code", { challenge: firstChallenge, code: firstCode });
    expect(replay.status).toBe(400);
    expect(replay.setCookies).toHaveLength(0);
    expect(replay.html).toContain("sign in again");

    await env.DB.prepare("UPDATE login_challenges SET expires_at = ?").bind(Date.now() - 1).run();
    const secondCode = loginCodeFromMail((await waitForMail(email, "Sign-in code")).body);
    const expired = await second.traveller.post("/login/code", { challenge: secondChallenge, code: secondCode });
    expect(expired.status).toBe(400);
    expect(expired.setCookies).toHaveLength(0);
    expect((await second.traveller.post("/login/code/resend", { challenge: secondChallenge })).status).toBe(400);
  });

  it("holds a device approval for a device in a new place until the code is typed in the approving session", async () => {
    const { client: user, email } = await parisUser();
    const start = await exports.default.fetch("https://relais.test/oauth/v2/device/code?client_id=X245A4XAIBGVM&new_credentials=yes", {
      headers: { "cf-connecting-ip": "203.0.113.80" },
      cf: PLACES.tokyo,
    } as RequestInit);
    const { user_code } = (await start.json()) as { user_code: string };
    const held = await user.post("/device/approve", { user_code });
    expect(held.status).toBe(200);
    expect(held.html).toContain("Confirm this device");
    expect(await countRows("device_codes", "approved_account_id IS NOT NULL")).toBe(0);
    const mail = await waitForMail(email, "Sign-in code");
    expect(mail.body).toContain("Tokyo, JP");
    const code = loginCodeFromMail(mail.body);
    const challenge = challengeFromPage(held.html);
    // Only in the session that asked.
    const stranger = await registeredClient({ cf: PLACES.paris });
    expect((await stranger.client.post("/device/code", { challenge, code })).status).toBe(400);
    const approved = await user.post("/device/code", { challenge, code });
    expect(approved.status).toBe(200);
    expect(approved.html).toContain("Device authorized");
    expect(await countRows("device_codes", "approved_account_id IS NOT NULL")).toBe(1);
    expect(await countRows("known_places", "country = 'JP'")).toBe(1);
  });
});
