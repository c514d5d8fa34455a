/** Turning anything thrown into an AppError, and rendering an AppError as JSON or as a page. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, ERRORS, type ErrorKey } from "../errors";
import type { AppEnv } from "../env";
import { DEFAULT_LANGUAGE } from "../lib/language";
import { ErrorPage } from "../views/error-page";
import { Layout } from "../views/layout";
import { siteNav } from "../views/nav";

const STATUS_TO_KEY: Record<number, ErrorKey> = {
  400: "bad_request",
  401: "bad_token",
  403: "permission_denied",
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
export function toAppError(error: unknown, requestId: string | undefined): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) return new AppError(STATUS_TO_KEY[error.status] ?? "bad_request", { cause: error });
  console.error(JSON.stringify({ event: "unhandled_error", requestId: requestId ?? "unknown", error: describeError(error) }));
  return new AppError("internal_error", { cause: error });
}

function setRetryAfter(c: Context<AppEnv>, error: AppError): void {
  if (error.retryAfterSeconds !== undefined) c.header("Retry-After", String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
}

/** `{error, error_code, message, request_id, …details}` with the error's status: Real-Debrid's shape, extended. */
export function renderJsonError(c: Context<AppEnv>, error: AppError): Response {
  setRetryAfter(c, error);
  return c.json({ error: error.key, error_code: error.errorCode, message: error.message, request_id: c.var.requestId ?? "unknown", ...error.details }, error.status);
}

/** A readable page with the error's status, in the page's language, inside the site's frame. */
export function renderPageError(c: Context<AppEnv>, error: AppError): Response | Promise<Response> {
  setRetryAfter(c, error);
  const language = c.var.language ?? DEFAULT_LANGUAGE;
  c.header("Vary", "Accept-Language");
  const title = `${language === "fr" ? "Erreur" : "Error"} ${error.status}`;
  return c.html(
    <Layout language={language} title={title} nav={siteNav(language, (c.var.session ?? null) !== null)}>
      <ErrorPage language={language} title={title} message={ERRORS[error.key][language]} requestId={c.var.requestId ?? "unknown"} />
    </Layout>,
    error.status,
  );
}
