import { describe, expect, it } from "vitest";
import { truncatePercentEncoded, truncateText, wellFormed } from "../../../src/lib/text";

const GRIN = "\u{1F600}";
const FAMILY = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}";
const FRANCE = "\u{1F1EB}\u{1F1F7}";
const GERMANY = "\u{1F1E9}\u{1F1EA}";
const E_ACUTE = "e\u0301";

/** True when the text survives UTF-8 both ways, i.e. holds no lone surrogate. */
function isWellFormed(text: string): boolean {
  return new TextDecoder().decode(new TextEncoder().encode(text)) === text;
}

/** A deterministic mix of the pieces that break code-unit cuts. */
function trickyStrings(count: number): string[] {
  const pieces = ["a", "é", E_ACUTE, GRIN, FAMILY, FRANCE, GERMANY, "\ud800", "\udc00", "日", " ", "%", "q\u0307\u0323"];
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  return Array.from({ length: count }, () => Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join(""));
}

describe("wellFormed", () => {
  it.each([
    ["a lone high surrogate", "a\ud800b", "a\uFFFDb"],
    ["a lone low surrogate", "\udc00", "\uFFFD"],
    ["a pair in the wrong order", "\ude00\ud83d", "\uFFFD\uFFFD"],
    ["a high surrogate at the end", `${GRIN}\ud83d`, `${GRIN}\uFFFD`],
    ["well-formed text", `${FAMILY}${E_ACUTE}`, `${FAMILY}${E_ACUTE}`],
  ])("replaces %s by U+FFFD and keeps the rest", (_case, input, expected) => {
    expect(wellFormed(input)).toBe(expected);
    expect(() => encodeURIComponent(wellFormed(input))).not.toThrow();
  });
});

describe("truncateText", () => {
  it.each([
    ["text at exactly the limit", "a".repeat(10), 10, "a".repeat(10)],
    ["shorter text", "abc", 10, "abc"],
    ["a surrogate pair across the limit", "a".repeat(9) + GRIN, 10, "a".repeat(9)],
    ["a surrogate pair ending at the limit", "a".repeat(8) + GRIN + "b", 10, "a".repeat(8) + GRIN],
    ["a ZWJ family across the limit", `ab${FAMILY}`, 12, "ab"],
    ["a ZWJ family ending at the limit", `ab${FAMILY}c`, 13, `ab${FAMILY}`],
    ["a second flag across the limit", FRANCE + GERMANY, 6, FRANCE],
    ["a combining mark across the limit", E_ACUTE + E_ACUTE, 3, E_ACUTE],
    ["two combining marks across the limit", "ab" + "q\u0307\u0323", 4, "ab"],
    ["a lone surrogate before the limit", "ab\ud800cd", 4, "ab\uFFFDc"],
    ["a lone surrogate under the limit", "\ud800", 5, "\uFFFD"],
    ["a limit of 0", "abc", 0, ""],
    ["a pair that cannot fit", GRIN, 1, ""],
  ])("cuts %s between characters", (_case, input, limit, expected) => {
    expect(truncateText(input, limit)).toBe(expected);
  });

  it("cuts a first cluster longer than the limit between code points, never inside a pair", () => {
    expect(truncateText("Z" + "\u0301".repeat(20), 5)).toBe("Z\u0301\u0301\u0301\u0301");
    expect(truncateText(FAMILY, 4)).toBe("\u{1F468}\u200D");
  });

  it("is never longer than the limit, always well-formed, a prefix of the well-formed text, cut between graphemes", () => {
    const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    const segments = (text: string) => [...graphemes.segment(text)].map((s) => s.segment);
    for (const input of trickyStrings(300)) {
      const whole = wellFormed(input);
      for (let limit = 0; limit <= whole.length + 1; limit++) {
        const cut = truncateText(input, limit);
        expect(cut.length).toBeLessThanOrEqual(limit);
        expect(isWellFormed(cut)).toBe(true);
        expect(whole.startsWith(cut)).toBe(true);
        const first = segments(whole)[0]!;
        if (first.length <= limit) expect(segments(whole).slice(0, segments(cut).length)).toEqual(segments(cut));
      }
    }
  });
});

describe("truncatePercentEncoded", () => {
  it.each([
    ["an escape across the limit", "ab%20cd", 4, "ab"],
    ["an escape ending at the limit", "ab%20cd", 5, "ab%20"],
    ["a two-byte character across the limit", "a%C3%A9b", 6, "a"],
    ["a four-byte character across the limit", "%F0%9F%98%80x", 11, ""],
    ["a four-byte character ending at the limit", "%F0%9F%98%80x", 12, "%F0%9F%98%80"],
    ["plain ASCII", "abcdef", 3, "abc"],
    ["text within the limit", "a%C3%A9", 7, "a%C3%A9"],
  ])("cuts %s before it", (_case, input, limit, expected) => {
    expect(truncatePercentEncoded(input, limit)).toBe(expected);
  });

  it("always leaves text that decodes to a prefix of the original's characters", () => {
    for (const input of trickyStrings(200).map(wellFormed)) {
      const encoded = encodeURIComponent(input);
      for (let limit = 0; limit <= encoded.length; limit++) {
        const cut = truncatePercentEncoded(encoded, limit);
        expect(cut.length).toBeLessThanOrEqual(limit);
        expect(input.startsWith(decodeURIComponent(cut))).toBe(true);
      }
    }
  });
});
