/** Katfile (katfile.com), an XFileSharing premium hoster: its API v2 with the service's own key (secret KATFILE_API_KEY). */
import { xfilesharingAdapter } from "./xfilesharing";

const GIB = 1024 ** 3;

export const katfileAdapter = xfilesharingAdapter({
  id: "katfile",
  name: "Katfile",
  domains: ["katfile.com"],
  exampleLink: "https://katfile.com/z9y8x7w6v5u4/holidays.rar.html",
  limits: { linksPerDay: 200, bytesPerDay: 50 * GIB, maxChunks: 2, free: false },
  apiBase: (env) => env.KATFILE_API_URL,
  key: "KATFILE_API_KEY",
});
