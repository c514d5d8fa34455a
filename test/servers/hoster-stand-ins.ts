/** Starts one stand-in per hoster (test/servers/*-server.ts) and says which var points at which. */
import { XFILESHARING } from "./hoster-fixtures.ts";
import { startDropboxServer } from "./dropbox-server.ts";
import { startGofileServer } from "./gofile-server.ts";
import { startGoogleDriveServer } from "./google-drive-server.ts";
import { startMediafireServer } from "./mediafire-server.ts";
import { startMegaServer } from "./mega-server.ts";
import { startNitroflareServer } from "./nitroflare-server.ts";
import { startOnedriveServer } from "./onedrive-server.ts";
import { startOnefichierServer } from "./onefichier-server.ts";
import type { StartedServer } from "./origin-server.ts";
import { startPixeldrainServer } from "./pixeldrain-server.ts";
import { startRapidgatorServer } from "./rapidgator-server.ts";
import { startXfilesharingServer } from "./xfilesharing-server.ts";

/** Var name → the stand-in it points at. Several vars may share one stand-in (1fichier's API and site). */
export type HosterStandIns = { servers: StartedServer[]; vars: Record<string, string> };

export async function startHosterStandIns(): Promise<HosterStandIns> {
  const [onefichier, rapidgator, nitroflare, ddownload, katfile, mega, pixeldrain, gofile, mediafire, googleDrive, dropbox, onedrive] = await Promise.all([
    startOnefichierServer(), startRapidgatorServer(), startNitroflareServer(), startXfilesharingServer(XFILESHARING.keys.ddownload),
    startXfilesharingServer(XFILESHARING.keys.katfile), startMegaServer(), startPixeldrainServer(), startGofileServer(), startMediafireServer(),
    startGoogleDriveServer(), startDropboxServer(), startOnedriveServer(),
  ]);
  return {
    servers: [onefichier, rapidgator, nitroflare, ddownload, katfile, mega, pixeldrain, gofile, mediafire, googleDrive, dropbox, onedrive],
    vars: {
      ONEFICHIER_API_URL: onefichier.url,
      ONEFICHIER_SITE_URL: onefichier.url,
      RAPIDGATOR_API_URL: rapidgator.url,
      NITROFLARE_API_URL: nitroflare.url,
      DDOWNLOAD_API_URL: ddownload.url,
      KATFILE_API_URL: katfile.url,
      MEGA_API_URL: mega.url,
      PIXELDRAIN_API_URL: pixeldrain.url,
      GOFILE_API_URL: gofile.url,
      MEDIAFIRE_URL: mediafire.url,
      GOOGLE_DRIVE_DOWNLOAD_URL: googleDrive.url,
      DROPBOX_URL: dropbox.url,
      ONEDRIVE_API_URL: onedrive.url,
    },
  };
}
