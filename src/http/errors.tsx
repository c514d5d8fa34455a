/** Renders any error: `{error, error_code}` JSON on API paths, a readable page elsewhere. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, ERRORS, type ErrorKey } from "../errors";
import type { AppEnv } from "../env";
import { requestLanguage } from "../lib/language";
import { ErrorPage } from "../views/error-page";

const API_PREFIXES = ["/rest/", "/oauth/", "/api/"];

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path.startsWith(prefix)) || path === "/healthz";
}

const STATUS_TO_KEY: Record<number, ErrorKey> = {
  400: "bad_request",
  401: "bad_token",
  403: "csrf_rejected",
  404: "resource_not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "too_many_requests",
};

/** The first line of a message: drizzle appends the query's parameters (emails, IPs, hashes) on the next. */
function firstLine(message: string): string {
  return (message.split("\n", 1)[0] ?? "").slice(0, 300);
}

/** What may be logged of an unexpected error: its kind and first lines, never query parameters. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${firstLine(error.cause.message)})` : "";
  return `${error.name}: ${firstLine(error.message)}${cause}`;
}

/** Maps anything thrown to an AppError; unknown errors are logged (without their message to the client). */
export function toAppError(error: unknown, requestId: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) return new AppError(STATUS_TO_KEY[error.status] ?? "bad_request", { cause: error });
  console.error(JSON.stringify({ event: "unhandled_error", requestId, error: describeError(error) }));
  return new AppError("internal_error", { cause: error });
}

export function renderError(c: Context<AppEnv>, error: AppError): Response | Promise<Response> {
  const path = c.req.path;
  const requestId = c.var.requestId ?? "unknown";
  if (error.retryAfterSeconds !== undefined) c.header("Retry-After", String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  // Download tools on the download host get the JSON (with limits and reset time); browsers a page.
  const downloadTool = path.startsWith("/d/") && !(c.req.header("accept") ?? "").includes("text/html");
  if (isApiPath(path) || downloadTool) {
    return c.json(
      { error: error.key, error_code: error.errorCode, message: error.message, request_id: requestId, ...error.details },
      error.status,
    );
  }
  const language = requestLanguage(path, c.req.header("accept-language"));
  c.header("Vary", "Accept-Language");
  return c.html(<ErrorPage language={language} status={error.status} message={ERRORS[error.key][language]} requestId={requestId} />, error.status);
}
