/**
 * The download nodes of a deployment, from the DOWNLOAD_NODES var: a JSON array of
 * `{ id, url, latitude, longitude, countries?, continent?, label? }`. Empty: one node, the Worker
 * itself at DOWNLOAD_ORIGIN (id "main"). Parsed once per isolate; a malformed value fails loudly.
 */
import * as v from "valibot";

export type DownloadNode = {
  id: string;
  /** Origin the node serves links from, without a trailing slash. */
  url: string;
  label: string;
  latitude: number | null;
  longitude: number | null;
  /** Countries (ISO 3166 alpha-2) the node serves when the requester has no coordinates. */
  countries: string[];
  continent: string | null;
};

export const DEFAULT_NODE_ID = "main";
/** The `download_node` setting value meaning "the nearest node". */
export const NEAREST_NODE = "auto";

const Origin = v.pipe(
  v.string(),
  v.url(),
  v.check((value) => {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash && !url.username;
  }, "an http(s) origin without path, query or credentials"),
);

const NodeConfig = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,31}$/), v.check((id) => id !== NEAREST_NODE, `"${NEAREST_NODE}" is reserved`)),
  url: Origin,
  label: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  latitude: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  longitude: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
  countries: v.optional(v.array(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)))),
  continent: v.optional(v.picklist(["AF", "AN", "AS", "EU", "NA", "OC", "SA"])),
});
const NodesConfig = v.pipe(
  v.array(NodeConfig),
  v.check((nodes) => new Set(nodes.map((n) => n.id)).size === nodes.length, "node ids must be unique"),
  v.check((nodes) => new Set(nodes.map((n) => new URL(n.url).host)).size === nodes.length, "node hosts must be unique"),
);

const parsed = new Map<string, DownloadNode[]>();

/** The nodes `raw` lists, or the single default node at `defaultOrigin`; throws on a malformed list. */
export function parseDownloadNodes(raw: string | undefined, defaultOrigin: string): DownloadNode[] {
  const cacheKey = `${raw ?? ""}\u0000${defaultOrigin}`;
  const cached = parsed.get(cacheKey);
  if (cached) return cached;
  let nodes: DownloadNode[];
  if (!raw || raw.trim() === "") {
    nodes = [{ id: DEFAULT_NODE_ID, url: defaultOrigin.replace(/\/$/, ""), label: DEFAULT_NODE_ID, latitude: null, longitude: null, countries: [], continent: null }];
  } else {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error("DOWNLOAD_NODES is not valid JSON");
    }
    const result = v.safeParse(NodesConfig, json);
    if (!result.success || result.output.length === 0) {
      const issue = result.success ? "an empty list" : `${result.issues[0]?.path?.map((p) => String(p.key)).join(".") ?? ""}: ${result.issues[0]?.message}`;
      throw new Error(`DOWNLOAD_NODES is not a valid list of nodes (${issue})`);
    }
    nodes = result.output.map((n) => ({
      id: n.id, url: new URL(n.url).origin, label: n.label ?? n.id, latitude: n.latitude, longitude: n.longitude, countries: n.countries ?? [], continent: n.continent ?? null,
    }));
  }
  parsed.set(cacheKey, nodes);
  return nodes;
}
