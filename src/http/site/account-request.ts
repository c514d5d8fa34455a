/** Kept for site pages that import it from here; the helper lives in http/account-request.ts (the token API's settings use it too). */
export { accountRequest } from "../account-request";
