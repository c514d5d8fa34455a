/**
 * The one place that decides which download host serves a generated link. Today: the single
 * DOWNLOAD_ORIGIN. Later: the node nearest the requester, with the user's pin, links signed per node.
 */
import { wellFormed } from "../lib/text";
import type { ClientContext } from "../request-context/client-context";

export function chooseDownloadOrigin(env: Pick<Env, "DOWNLOAD_ORIGIN">, _client: ClientContext | null): string {
  return env.DOWNLOAD_ORIGIN.replace(/\/$/, "");
}

/** True when a request reached one of the download hosts (which serve nothing but files). */
export function isDownloadHost(env: Pick<Env, "DOWNLOAD_ORIGIN">, requestUrl: string): boolean {
  return new URL(requestUrl).host === new URL(env.DOWNLOAD_ORIGIN).host;
}

/** The link a user downloads from; the name in it is only for the user's tools. Never throws. */
export function generatedLinkFor(origin: string, id: string, filename: string): string {
  return `${origin}/d/${id}/${encodeURIComponent(wellFormed(filename))}`;
}
