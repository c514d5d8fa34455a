import { describeAdapterContract } from "../../../helpers/hosters";
import { NITROFLARE } from "../../../servers/hoster-fixtures";

describeAdapterContract({
  adapterId: "nitroflare",
  host: "nitroflare.com",
  standInVar: "NITROFLARE_API_URL",
  file: { link: "https://nitroflare.com/view/A1B2C3D4E5F6G7H/album.flac", ...NITROFLARE.files.A1B2C3D4E5F6G7H! },
  unavailableLink: "https://nitroflare.com/view/NOSUCHFILE00001",
  limited: { link: "https://nitro.download/view/LIMITLIMIT00001", at: "download" },
});
