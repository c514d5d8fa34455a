/** DDownload (ddownload.com, ddl.to), an XFileSharing premium hoster: its API v2 with the service's own key (secret DDOWNLOAD_API_KEY). */
import { xfilesharingAdapter } from "./xfilesharing";

const GIB = 1024 ** 3;

export const ddownloadAdapter = xfilesharingAdapter({
  id: "ddownload",
  name: "DDownload",
  domains: ["ddownload.com", "ddl.to"],
  exampleLink: "https://ddownload.com/a1b2c3d4e5f6/holidays.mkv",
  limits: { linksPerDay: 200, bytesPerDay: 50 * GIB, maxChunks: 2, free: false },
  apiBase: (env) => env.DDOWNLOAD_API_URL,
  key: "DDOWNLOAD_API_KEY",
});
