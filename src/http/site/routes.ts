/** Every route of the site group: pages at /, our JSON API at /api. */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { accountsApi } from "./api/accounts";
import { myDataApi } from "./api/my-data";
import { securityApi } from "./api/security";
import { accountPages } from "./pages/account";
import { authPages } from "./pages/auth";
import { devPages } from "./pages/dev";
import { devicePages } from "./pages/device";
import { downloadPages } from "./pages/downloads";
import { myDataPages } from "./pages/my-data";
import { premiumPages } from "./pages/premium";
import { publicPages } from "./pages/public";
import { securityPages } from "./pages/security";
import { securityLinkPages } from "./pages/security-links";
import { settingsPages } from "./pages/settings";

export const pageRoutes = new Hono<AppEnv>()
  .route("/", publicPages)
  .route("/", authPages)
  .route("/", downloadPages)
  .route("/", securityLinkPages)
  .route("/account/security", securityPages)
  .route("/account/settings", settingsPages)
  // Before /account, whose guard would answer a deletion without a session (a replay) with a redirect.
  .route("/", myDataPages)
  .route("/account", accountPages)
  .route("/device", devicePages)
  .route("/premium", premiumPages)
  .route("/dev", devPages);

export const apiRoutes = new Hono<AppEnv>().route("/", accountsApi).route("/", myDataApi).route("/account", securityApi);
