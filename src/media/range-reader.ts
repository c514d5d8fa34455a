/**
 * Reading parts of a remote file through HTTP range requests, within a budget of bytes and
 * requests: what media parsing may cost the origin, whatever the file says about itself.
 */
import { AppError } from "../errors";

/** Opens the file with a `Range` header value; resolves to the origin's 200, 206 or 416 answer. */
export type RangeOpener = (range: string) => Promise<Response>;

export type ReadLimits = {
  /** Bytes pulled from the origin, all requests together. */
  maxBytes: number;
  maxRequests: number;
  /** Bytes asked for by the first request (the file's start). */
  firstReadBytes: number;
  /** Bytes asked for by each later request (more when one read needs more). */
  readBytes: number;
};

/** Why no media information could be read: the `reason` of media_info_unavailable. */
export type MediaFailure =
  | "unknown_format"
  | "malformed"
  | "no_tracks"
  | "header_too_large"
  | "too_complex"
  | "no_ranges";

export function mediaUnavailable(reason: MediaFailure): AppError {
  return new AppError("media_info_unavailable", { details: { reason } });
}

type Segment = { start: number; bytes: Uint8Array };

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

export class RangeReader {
  /** The file's size, once an answer told it. */
  size: number | null = null;
  /** Bytes pulled from the origin so far. */
  bytesRead = 0;
  requests = 0;
  readonly #open: RangeOpener;
  readonly #limits: ReadLimits;
  readonly #segments: Segment[] = [];

  constructor(open: RangeOpener, limits: ReadLimits) {
    this.#open = open;
    this.#limits = limits;
  }

  /**
   * Bytes [offset, offset + length) of the file; fewer at its end. Served from what was already
   * read, else by one more range request (at least a read window long). Throws
   * media_info_unavailable when the budget would be exceeded or the origin cannot seek.
   */
  async read(offset: number, length: number): Promise<Uint8Array> {
    if (this.size !== null) length = Math.max(0, Math.min(length, this.size - offset));
    if (length <= 0) return new Uint8Array(0);
    const cached = this.#cached(offset, length);
    if (cached) return cached;
    const window = this.requests === 0 ? this.#limits.firstReadBytes : this.#limits.readBytes;
    const segment = await this.#fetch(offset, Math.max(length, window), length);
    return segment.bytes.subarray(offset - segment.start, offset - segment.start + length);
  }

  #cached(offset: number, length: number): Uint8Array | null {
    for (const { start, bytes } of this.#segments) {
      const end = start + bytes.length;
      const reachesEnd = this.size !== null && end >= this.size;
      if (start <= offset && (offset + length <= end || (reachesEnd && offset <= end))) return bytes.subarray(offset - start, offset - start + length);
    }
    return null;
  }

  async #fetch(offset: number, wanted: number, needed: number): Promise<Segment> {
    const left = this.#limits.maxBytes - this.bytesRead;
    if (this.requests >= this.#limits.maxRequests || needed > left) throw mediaUnavailable("header_too_large");
    let length = Math.min(wanted, left);
    if (this.size !== null) length = Math.min(length, this.size - offset);
    // The rest of the file fits the read: a suffix range (how an MP4 header at the end is read).
    const range = this.size !== null && offset > 0 && offset + length === this.size ? `bytes=-${length}` : `bytes=${offset}-${offset + length - 1}`;
    this.requests++;
    const response = await this.#open(range);
    if (response.status === 416) {
      await response.body?.cancel();
      const total = /^bytes \*\/(\d+)$/.exec(response.headers.get("content-range") ?? "")?.[1];
      if (total !== undefined) this.size = Number(total);
      return this.#keep({ start: offset, bytes: new Uint8Array(0) });
    }
    if (response.status === 206) {
      const match = CONTENT_RANGE.exec(response.headers.get("content-range") ?? "");
      if (!match || Number(match[1]) !== offset) {
        await response.body?.cancel();
        throw mediaUnavailable("no_ranges");
      }
      if (match[3] !== "*") this.size = Number(match[3]);
    } else if (offset !== 0) {
      // A whole file where a part was asked for: this origin cannot seek, and reading on is no option.
      await response.body?.cancel();
      throw mediaUnavailable("no_ranges");
    }
    const bytes = await this.#pull(response, length);
    if (response.status === 200 && bytes.length < length) this.size = bytes.length;
    return this.#keep({ start: offset, bytes });
  }

  /** At most `length` bytes of the body; the rest is cancelled, so the origin stops sending. */
  async #pull(response: Response, length: number): Promise<Uint8Array> {
    if (!response.body) return new Uint8Array(0);
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (response.status === 206 && Number.isSafeInteger(declared) && declared <= length) {
      // A declared part no longer than asked for: read whole by the runtime, not chunk by chunk in JavaScript.
      try {
        const bytes = new Uint8Array(await response.arrayBuffer());
        this.bytesRead += bytes.length;
        return bytes.subarray(0, length);
      } catch (cause) {
        throw new AppError("hoster_unavailable", { cause, details: { reason: "unreachable" } });
      }
    }
    const out = new Uint8Array(length);
    let filled = 0;
    const reader = response.body.getReader();
    try {
      while (filled < length) {
        const { done, value } = await reader.read();
        if (done) break;
        this.bytesRead += value.byteLength;
        const take = Math.min(value.byteLength, length - filled);
        out.set(value.subarray(0, take), filled);
        filled += take;
      }
    } catch (cause) {
      throw new AppError("hoster_unavailable", { cause, details: { reason: "unreachable" } });
    } finally {
      await reader.cancel().catch(() => {});
    }
    return out.subarray(0, filled);
  }

  #keep(segment: Segment): Segment {
    this.#segments.push(segment);
    return segment;
  }
}
