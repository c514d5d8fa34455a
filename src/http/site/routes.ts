/** Every route of the site group: pages at /, our JSON API at /api. */
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { accountsApi } from "./api/accounts";
import { accountPages } from "./pages/account";
import { authPages } from "./pages/auth";
import { devPages } from "./pages/dev";
import { devicePages } from "./pages/device";
import { downloadPages } from "./pages/downloads";
import { premiumPages } from "./pages/premium";
import { publicPages } from "./pages/public";

export const pageRoutes = new Hono<AppEnv>()
  .route("/", publicPages)
  .route("/", authPages)
  .route("/", downloadPages)
  .route("/account", accountPages)
  .route("/device", devicePages)
  .route("/premium", premiumPages)
  .route("/dev", devPages);

export const apiRoutes = new Hono<AppEnv>().route("/", accountsApi);
