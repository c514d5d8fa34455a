/**
 * How media information names things, as Real-Debrid's `mediaInfos` does: languages as ISO 639-2
 * bibliographic codes (`eng`, `fre`, `ger`) with their English names, codecs by their usual short
 * names (`h264`, `aac`, `subrip`), subtitle formats (`SRT`, `ASS`).
 */

/** ISO 639-1, ISO 639-2/B and English name of the languages most files carry; the /T code where it differs from /B. */
const LANGUAGES: readonly (readonly [string, string, string, string?])[] = [
  ["en", "eng", "English"], ["fr", "fre", "French", "fra"], ["de", "ger", "German", "deu"], ["es", "spa", "Spanish"],
  ["it", "ita", "Italian"], ["pt", "por", "Portuguese"], ["nl", "dut", "Dutch", "nld"], ["sv", "swe", "Swedish"],
  ["no", "nor", "Norwegian"], ["nb", "nob", "Norwegian Bokmål"], ["nn", "nno", "Norwegian Nynorsk"], ["da", "dan", "Danish"],
  ["fi", "fin", "Finnish"], ["is", "ice", "Icelandic", "isl"], ["pl", "pol", "Polish"], ["cs", "cze", "Czech", "ces"],
  ["sk", "slo", "Slovak", "slk"], ["sl", "slv", "Slovenian"], ["hu", "hun", "Hungarian"], ["ro", "rum", "Romanian", "ron"],
  ["bg", "bul", "Bulgarian"], ["hr", "hrv", "Croatian"], ["sr", "srp", "Serbian"], ["bs", "bos", "Bosnian"],
  ["uk", "ukr", "Ukrainian"], ["ru", "rus", "Russian"], ["el", "gre", "Greek", "ell"], ["tr", "tur", "Turkish"],
  ["ar", "ara", "Arabic"], ["he", "heb", "Hebrew"], ["fa", "per", "Persian", "fas"], ["hi", "hin", "Hindi"],
  ["bn", "ben", "Bengali"], ["ta", "tam", "Tamil"], ["te", "tel", "Telugu"], ["ur", "urd", "Urdu"],
  ["th", "tha", "Thai"], ["vi", "vie", "Vietnamese"], ["id", "ind", "Indonesian"], ["ms", "may", "Malay", "msa"],
  ["zh", "chi", "Chinese", "zho"], ["ja", "jpn", "Japanese"], ["ko", "kor", "Korean"], ["ca", "cat", "Catalan"],
  ["eu", "baq", "Basque", "eus"], ["gl", "glg", "Galician"], ["et", "est", "Estonian"], ["lv", "lav", "Latvian"],
  ["lt", "lit", "Lithuanian"], ["sq", "alb", "Albanian", "sqi"], ["mk", "mac", "Macedonian", "mkd"], ["ka", "geo", "Georgian", "kat"],
  ["hy", "arm", "Armenian", "hye"], ["ga", "gle", "Irish"], ["cy", "wel", "Welsh", "cym"], ["la", "lat", "Latin"],
  ["tl", "tgl", "Tagalog"], ["mt", "mlt", "Maltese"], ["af", "afr", "Afrikaans"], ["sw", "swa", "Swahili"],
];

const SPECIAL: Record<string, string> = { und: "Undetermined", mul: "Multiple languages", zxx: "No linguistic content", mis: "Uncoded languages" };

const byCode = new Map<string, { iso: string; name: string }>();
for (const [one, bibliographic, name, terminologic] of LANGUAGES) {
  const entry = { iso: bibliographic, name };
  for (const code of [one, bibliographic, terminologic]) if (code) byCode.set(code, entry);
}

export type Language = { iso: string; name: string };

/**
 * A track's language from what the file says: an ISO 639-2 code (/B or /T), or a BCP 47 tag
 * (`fr-CA`: its primary language). Anything else, or nothing, is "und" (undetermined).
 */
export function describeLanguage(raw: string | null): Language {
  const primary = (raw ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  if (!/^[a-z]{2,3}$/.test(primary)) return { iso: "und", name: SPECIAL.und! };
  const known = byCode.get(primary);
  if (known) return known;
  if (SPECIAL[primary]) return { iso: primary, name: SPECIAL[primary] };
  if (primary.length === 2) return { iso: "und", name: SPECIAL.und! };
  let name = primary;
  try {
    name = new Intl.DisplayNames(["en"], { type: "language" }).of(primary) ?? primary;
  } catch {
    // An unknown code keeps itself as its name.
  }
  return { iso: primary, name };
}

/** MP4 sample entry types and Matroska CodecIDs, by the short name players show. */
const CODECS: Record<string, string> = {
  avc1: "h264", avc3: "h264", hvc1: "hevc", hev1: "hevc", dvh1: "hevc", dvhe: "hevc", av01: "av1", vp08: "vp8", vp09: "vp9",
  mp4v: "mpeg4", jpeg: "mjpeg", apcn: "prores", apch: "prores", apcs: "prores", apco: "prores", ap4h: "prores",
  mp4a: "aac", "ac-3": "ac3", "ec-3": "eac3", "ac-4": "ac4", Opus: "opus", fLaC: "flac", alac: "alac", ".mp3": "mp3",
  dtsc: "dts", dtsh: "dts", dtsl: "dts", lpcm: "pcm", sowt: "pcm", twos: "pcm",
  tx3g: "mov_text", wvtt: "webvtt", stpp: "ttml", c608: "eia_608",
  "V_MPEG4/ISO/AVC": "h264", "V_MPEGH/ISO/HEVC": "hevc", V_AV1: "av1", V_VP8: "vp8", V_VP9: "vp9",
  "V_MPEG4/ISO/ASP": "mpeg4", "V_MPEG4/ISO/SP": "mpeg4", "V_MPEG4/ISO/AP": "mpeg4", V_MPEG2: "mpeg2video", V_MPEG1: "mpeg1video",
  V_THEORA: "theora", V_PRORES: "prores",
  A_AAC: "aac", A_AC3: "ac3", A_EAC3: "eac3", A_DTS: "dts", A_TRUEHD: "truehd", A_OPUS: "opus", A_VORBIS: "vorbis",
  A_FLAC: "flac", "A_MPEG/L3": "mp3", "A_MPEG/L2": "mp2", A_ALAC: "alac", "A_PCM/INT/LIT": "pcm", "A_PCM/INT/BIG": "pcm", "A_PCM/FLOAT/IEEE": "pcm",
  "S_TEXT/UTF8": "subrip", "S_TEXT/ASCII": "subrip", "S_TEXT/ASS": "ass", S_ASS: "ass", "S_TEXT/SSA": "ssa", S_SSA: "ssa",
  "S_TEXT/WEBVTT": "webvtt", "S_HDMV/PGS": "hdmv_pgs_subtitle", S_VOBSUB: "dvd_subtitle", S_DVBSUB: "dvb_subtitle", "S_HDMV/TEXTST": "hdmv_text_subtitle",
};

/** A codec's short name; an unknown one keeps its container name, lower-cased. */
export function describeCodec(raw: string): string {
  // Matroska's AAC ids carry the profile (A_AAC/MPEG4/LC…); DTS and others have variants too.
  const known = CODECS[raw] ?? CODECS[raw.split("/")[0]!] ?? CODECS[raw.trim()];
  return known ?? (raw.trim().toLowerCase() || "unknown");
}

const SUBTITLE_TYPES: Record<string, string> = {
  subrip: "SRT", ass: "ASS", ssa: "SSA", webvtt: "WebVTT", hdmv_pgs_subtitle: "PGS", dvd_subtitle: "VobSub",
  dvb_subtitle: "DVB", mov_text: "TX3G", ttml: "TTML", eia_608: "CEA-608", hdmv_text_subtitle: "TextST",
};

/** Real-Debrid's subtitle "type": the format's usual name (SRT, ASS…). */
export function describeSubtitleType(codec: string): string {
  return SUBTITLE_TYPES[codec] ?? codec.toUpperCase();
}

/** Real-Debrid's audio "channels": 2, 5.1, 7.1… (six and eight channels are, in practice, 5.1 and 7.1). */
export function describeChannels(count: number): number {
  if (count === 6) return 5.1;
  if (count === 8) return 7.1;
  return count;
}
