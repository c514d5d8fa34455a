/**
 * The one input path: every form, JSON body, query and path parameter is declared as a valibot
 * schema (chosen over zod's mini build for its size: about 1.8 KB gzipped for our schemas against
 * 6 KB) and handed to handlers through Hono's `c.req.valid()`. What a failure becomes is each route group's
 * choice of hook: Real-Debrid codes on the token API, per-field errors on /api, the form's own
 * errors on pages. Bodies arrive already read and capped by the group's limitBody().
 */
import type { Context, MiddlewareHandler, ValidationTargets } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../env";
import { AppError } from "../errors";

export type Target = "form" | "json" | "query" | "param";
type AnySchema = v.GenericSchema<unknown, unknown>;

/** The media type of a request body, lower-cased, without parameters. */
function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Form fields as strings (the last value of a repeated name wins; files are ignored).
 * `lenient`: Real-Debrid's reading (token API), where a raw body without a Content-Type, or sent as
 * text/plain (what fetch() labels a string body), is form-encoded, since real clients send that.
 * Otherwise anything but form-encoded and multipart gets 415.
 */
export async function readFormFields(c: Context, lenient: boolean): Promise<Record<string, string>> {
  const type = mediaType(c);
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch (cause) {
      throw new AppError("bad_request", { cause });
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of form) if (typeof value === "string") fields[name] = value;
    return fields;
  }
  if (type === "application/x-www-form-urlencoded" || (lenient && (type === "" || type === "text/plain"))) {
    // Decoded here, not by .text(): workerd warns that a form body "does not appear to be text" on every call.
    return Object.fromEntries(new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer())));
  }
  throw new AppError("unsupported_media_type");
}

/** A JSON object body; other content types get 415, bad JSON or a non-object 400 invalid_json. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  if (!/^application\/([\w.-]+\+)?json$/.test(mediaType(c))) throw new AppError("unsupported_media_type");
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch (cause) {
    throw new AppError("invalid_json", { cause });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new AppError("invalid_json");
  return value as Record<string, unknown>;
}

/** Reads a target's raw values: bodies by the content-type rules above, query and path parameters as strings. */
export function readTarget(c: Context<AppEnv>, target: Target, lenientForms = false): Promise<Record<string, unknown>> | Record<string, unknown> {
  if (target === "form") return readFormFields(c, lenientForms);
  if (target === "json") return readJsonObject(c);
  return target === "query" ? c.req.query() : c.req.param();
}

/** A field-by-field summary of what failed: "missing", or the key a schema gave, or "invalid". */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.path?.map((item) => String(item.key)).join(".") ?? "";
    if (name in fields) continue;
    fields[name] = issue.received === "undefined" ? "missing" : /^[a-z_]+$/.test(issue.message) ? issue.message : "invalid";
  }
  return fields;
}

export type ValidationFailure = { issues: readonly v.BaseIssue<unknown>[]; raw: Record<string, unknown> };

type Validated<T extends Target, Out, P extends string> = MiddlewareHandler<AppEnv, P, { in: { [K in T]: ValidationTargets[K] }; out: { [K in T]: Out } }>;

/**
 * Builds a group's validator: `read` the target, `prepare` the raw values (e.g. Real-Debrid's
 * "empty means not set"), check the schema, and on failure `reject` (throw an AppError).
 */
export function groupValidator(options: { lenientForms?: boolean; prepare?: (raw: Record<string, unknown>) => Record<string, unknown>; reject: (failure: ValidationFailure) => never }) {
  return <T extends Target, S extends AnySchema, P extends string = string>(target: T, schema: S): Validated<T, v.InferOutput<S>, P> =>
    async function validateInput(c, next) {
      const raw = await readTarget(c, target, options.lenientForms);
      const result = v.safeParse(schema, options.prepare ? options.prepare(raw) : raw);
      if (!result.success) options.reject({ issues: result.issues, raw });
      c.req.addValidatedData(target, result.output as object);
      await next();
    };
}

/** What a page handler gets from its form: the parsed value, or per-field errors and what was typed. */
export type FormResult<T> = { ok: true; value: T; raw: Record<string, unknown> } | { ok: false; errors: Record<string, string>; raw: Record<string, unknown> };

/** A page form's validator: never throws on bad values; the handler re-renders the form with `errors`. */
export function formValidator<S extends AnySchema, P extends string = string>(schema: S): Validated<"form", FormResult<v.InferOutput<S>>, P> {
  return async function validateForm(c, next) {
    const raw = await readTarget(c, "form");
    const result = v.safeParse(schema, raw);
    c.req.addValidatedData("form", result.success ? { ok: true, value: result.output, raw } : { ok: false, errors: fieldErrors(result.issues), raw });
    await next();
  };
}
