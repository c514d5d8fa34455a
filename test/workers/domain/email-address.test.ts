/** What sign-up, login and every email form accept as an address: one mailbox, one spelling, nothing hidden in it. */
import { describe, expect, it } from "vitest";
import { parseEmail } from "../../../src/accounts/validation";

describe("an email address", () => {
  it.each([
    ["  Jane.Doe+relais@Example.TEST ", "Jane.Doe+relais@example.test", "jane.doe+relais@example.test"],
    ["josé@example.test", "josé@example.test", "josé@example.test"],
    ["jose\u0301@example.test", "josé@example.test", "josé@example.test"],
    ["user@exämple.test", "user@xn--exmple-cua.test", "user@xn--exmple-cua.test"],
    ["user@xn--exmple-cua.test", "user@xn--exmple-cua.test", "user@xn--exmple-cua.test"],
    ["ｕｓｅｒ＠ｅｘａｍｐｌｅ．ｔｅｓｔ", "user@example.test", "user@example.test"],
    ["用户@例子.测试", "用户@xn--fsqu00a.xn--0zwm56d", "用户@xn--fsqu00a.xn--0zwm56d"],
  ])("%j is kept as %j (key %j)", (typed, email, normalized) => {
    expect(parseEmail(typed)).toEqual({ email, normalized });
  });

  it("has one key whatever the domain's spelling", () => {
    expect(parseEmail("User@EXÄMPLE.test")!.normalized).toBe(parseEmail("user@xn--exmple-cua.test")!.normalized);
  });

  it.each([
    ["a bidi override", "a\u202Eb@example.test"],
    ["a zero-width joiner", "ad\u200Dmin@example.test"],
    ["a zero-width space", "admin\u200B@example.test"],
    ["a NUL", "a\u0000b@example.test"],
    ["a line break", "a\nb@example.test"],
    ["a space", "a b@example.test"],
    ["a lone surrogate", "a\uD800b@example.test"],
    ["an unassigned code point", "a\u0378b@example.test"],
    ["a backslash in the domain", "a@exa\\mple.test"],
    ["a percent in the domain", "a@exa%41mple.test"],
    ["a slash in the domain", "a@example.test/x"],
    ["a port", "a@example.test:25"],
    ["an IP address", "a@192.0.2.1"],
    ["an IP literal", "a@[192.0.2.1]"],
    ["a single-label domain", "a@localhost"],
    ["a trailing dot", "a@example.test."],
    ["an empty label", "a@example..test"],
    ["a label starting with a hyphen", "a@-example.test"],
    ["a quoted local part", '"a b"@example.test'],
    ["two @", "a@b@example.test"],
    ["no @", "example.test"],
    ["an empty local part", "@example.test"],
    ["a leading dot", ".a@example.test"],
    ["two dots", "a..b@example.test"],
    ["a local part over 64 characters", `${"a".repeat(65)}@example.test`],
    ["an address over 254 characters", `${"a".repeat(10)}@${"b".repeat(61)}.${"c".repeat(61)}.${"d".repeat(61)}.${"e".repeat(61)}.test`],
    ["a huge input", `${"a".repeat(100_000)}@example.test`],
  ])("with %s is refused", (_what, typed) => {
    expect(parseEmail(typed)).toBeNull();
  });

  it("is refused when it is not a string", () => {
    for (const value of [null, undefined, 42, ["a@example.test"], { email: "a@example.test" }]) expect(parseEmail(value)).toBeNull();
  });
});
