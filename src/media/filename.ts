/** What a video's file name says of it, as release names write it: a title, a year, a season and episode. */

export type FilenameFacts = { title: string; season: string | null; episode: string | null; year: string | null };

const EXTENSION = /\.[A-Za-z0-9]{2,5}$/;
const EPISODE = /(?:^|[\s._\-[(])S(\d{1,2})[\s._-]?E(\d{1,3})(?![0-9])|(?:^|[\s._\-[(])(\d{1,2})x(\d{2,3})(?![0-9])/i;
const YEAR = /(?:^|[\s._\-[(])((?:19|20)\d{2})(?![0-9])/;
/** Where a release name's technical part starts: episode, year, or a quality or source tag. */
const TECHNICAL = /[\s._\-[(]+(?:S\d{1,2}[\s._-]?E\d{1,3}(?![0-9])|\d{1,2}x\d{2,3}(?![0-9])|(?:19|20)\d{2}(?![0-9])|\d{3,4}p\b|(?:blu-?ray|bdrip|brrip|web-?dl|webrip|hdtv|dvdrip|x264|x265|h\.?26[45]|hevc|remux)\b).*$/i;

/** Facts of a file name; the title is the part before the technical tags, separators made spaces. */
export function describeFilename(filename: string): FilenameFacts {
  const bare = filename.replace(EXTENSION, "");
  const episode = EPISODE.exec(bare);
  // The year is looked for after the first character, so that a title starting with one ("2001 …") keeps it.
  const year = YEAR.exec(bare.replace(/^\S/, " "));
  const title = bare.replace(TECHNICAL, "").replace(/[._]+/g, " ").replace(/\s+/g, " ").trim();
  return {
    title: title || bare,
    season: episode ? String(Number(episode[1] ?? episode[3])) : null,
    episode: episode ? String(Number(episode[2] ?? episode[4])) : null,
    year: year?.[1] ?? null,
  };
}
