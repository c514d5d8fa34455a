/** Real-Debrid clients that cannot send a verb send another plus `X-HTTP-Verb`; the API acts on the header's verb. */
const VERBS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

export function applyVerbOverride(request: Request): Request {
  const verb = request.headers.get("x-http-verb")?.trim().toUpperCase();
  if (!verb || !VERBS.has(verb) || verb === request.method) return request;
  if (!new URL(request.url).pathname.startsWith("/rest/1.0/")) return request;
  const withBody = verb !== "GET";
  return new Request(request.url, {
    method: verb,
    headers: request.headers,
    body: withBody ? request.body : null,
    cf: request.cf,
    // A streamed body must be declared half-duplex when forwarded.
    ...(withBody && request.body ? { duplex: "half" } : {}),
  } as RequestInit);
}
