/**
 * The one place that decides which download host serves a generated link: the configured node
 * nearest the requester (great-circle distance from its coordinates; else a node serving its
 * country, else its continent, else the first node), unless the account pinned one. Which node a
 * request reached is read from its host.
 */
import { greatCircleKm } from "../lib/geo";
import { parseDownloadNodes, type DownloadNode } from "../lib/download-nodes";
import { wellFormed } from "../lib/text";
import type { ClientContext } from "../request-context/client-context";

export type { DownloadNode } from "../lib/download-nodes";
export type NodesEnv = Pick<Env, "DOWNLOAD_ORIGIN"> & { DOWNLOAD_NODES?: string };

export function downloadNodes(env: NodesEnv): DownloadNode[] {
  return parseDownloadNodes(env.DOWNLOAD_NODES, env.DOWNLOAD_ORIGIN);
}

/** The node for a requester: the pinned one if it exists, else the nearest (see the module comment). */
export function chooseDownloadNode(nodes: DownloadNode[], client: Pick<ClientContext, "latitude" | "longitude" | "country" | "continent"> | null, pinnedNodeId: string | null = null): DownloadNode {
  const pinned = pinnedNodeId ? nodes.find((node) => node.id === pinnedNodeId) : undefined;
  if (pinned) return pinned;
  if (client && client.latitude !== null && client.longitude !== null) {
    const here = { latitude: client.latitude, longitude: client.longitude };
    let best: { node: DownloadNode; km: number } | null = null;
    for (const node of nodes) {
      if (node.latitude === null || node.longitude === null) continue;
      const km = greatCircleKm(here, { latitude: node.latitude, longitude: node.longitude });
      if (!best || km < best.km) best = { node, km };
    }
    if (best) return best.node;
  }
  const byCountry = client?.country ? nodes.find((node) => node.countries.includes(client.country!)) : undefined;
  if (byCountry) return byCountry;
  const byContinent = client?.continent ? nodes.find((node) => node.continent === client.continent) : undefined;
  return byContinent ?? nodes[0]!;
}

/** The node whose host received this request, or null when it is no download node. */
export function nodeForRequest(env: NodesEnv, requestUrl: string): DownloadNode | null {
  const host = new URL(requestUrl).host;
  return downloadNodes(env).find((node) => new URL(node.url).host === host) ?? null;
}

/** True when a request reached one of the download hosts (which serve nothing but files). */
export function isDownloadHost(env: NodesEnv, requestUrl: string): boolean {
  return new URL(requestUrl).host === new URL(env.DOWNLOAD_ORIGIN).host || nodeForRequest(env, requestUrl) !== null;
}

/**
 * The link a user downloads from: `<node>/d/<id>/<ticket>/<file name>`. The ticket binds it to its
 * node and network (link-tickets.ts); the name is only for the user's tools. The journal keeps the
 * first two segments only (`/d/<id>/:filename`). Never throws.
 */
export function generatedLinkFor(origin: string, id: string, ticket: string, filename: string): string {
  return `${origin}/d/${id}/${ticket}/${encodeURIComponent(wellFormed(filename))}`;
}
