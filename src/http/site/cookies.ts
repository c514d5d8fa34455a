/** The one cookie Relais sets: the session. No route may set any other. */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SESSION_COOKIE_NAME } from "../../config";

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE_NAME);
}

/** Secure, HttpOnly, SameSite=Lax, Path=/, no Domain (the `__Host-` prefix demands it). */
export function setSessionCookie(c: Context, token: string, expiresAt: number, now: number): void {
  setCookie(c, SESSION_COOKIE_NAME, token, {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
    maxAge: Math.max(0, Math.floor((expiresAt - now) / 1000)),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE_NAME, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
}

/** Whether a response already sets (or clears) the session cookie. */
export function setsSessionCookie(response: Response): boolean {
  return response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE_NAME}=`));
}
