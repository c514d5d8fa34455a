/** The one place that cuts and cleans user text: no cut splits a character, no result holds a lone surrogate. */

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The text with each lone surrogate replaced by U+FFFD, so that encodeURIComponent, TextEncoder
 * and storage take it unchanged and never throw.
 */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * The longest well-formed prefix of `text` of at most `maxLength` UTF-16 code units that ends
 * between two grapheme clusters (an emoji sequence, a flag, a letter and its marks stay whole).
 * Only a first cluster longer than `maxLength` on its own is cut, between code points.
 */
export function truncateText(text: string, maxLength: number): string {
  const whole = wellFormed(text);
  if (whole.length <= maxLength) return whole;
  let end = 0;
  for (const { segment } of graphemes.segment(whole)) {
    if (end + segment.length > maxLength) return end > 0 ? whole.slice(0, end) : truncateCodePoints(segment, maxLength);
    end += segment.length;
  }
  return whole;
}

function truncateCodePoints(text: string, maxLength: number): string {
  let end = 0;
  for (const point of text) {
    if (end + point.length > maxLength) break;
    end += point.length;
  }
  return text.slice(0, end);
}

const CONTINUATION_ESCAPE = /^%[89AB][0-9A-F]$/i;

/**
 * Percent-encoded ASCII (a URL path or query) cut to at most `maxLength` characters, never inside
 * a `%XX` escape nor between the escapes of one UTF-8 encoded character.
 */
export function truncatePercentEncoded(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = Math.max(0, maxLength);
  const percent = text.lastIndexOf("%", end - 1);
  if (percent >= 0 && percent > end - 3) end = percent;
  // A character's escapes are a lead byte and up to three continuation bytes (80–BF): back to its lead.
  for (let back = 0; back < 3 && CONTINUATION_ESCAPE.test(text.slice(end, end + 3)) && text[end - 3] === "%"; back++) end -= 3;
  return text.slice(0, end);
}
