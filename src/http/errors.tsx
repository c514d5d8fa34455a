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

/** Maps anything thrown to an AppError; unknown errors are logged (without their message to the client). */
export function toAppError(error: unknown, requestId: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) return new AppError(STATUS_TO_KEY[error.status] ?? "bad_request", { cause: error });
  console.error(JSON.stringify({ event: "unhandled_error", requestId, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
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
