import { describeAdapterContract } from "../../../helpers/hosters";
import { XFILESHARING } from "../../../servers/hoster-fixtures";

describeAdapterContract({
  adapterId: "ddownload",
  host: "ddownload.com",
  standInVar: "DDOWNLOAD_API_URL",
  file: { link: "https://ddownload.com/a1b2c3d4e5f6/documentaire.mp4", ...XFILESHARING.files.a1b2c3d4e5f6! },
  unavailableLink: "https://ddl.to/nosuchfile00",
  limited: { link: "https://ddownload.com/trafficlimit", at: "download" },
  lapses: true,
});

describeAdapterContract({
  adapterId: "katfile",
  host: "katfile.com",
  standInVar: "KATFILE_API_URL",
  file: { link: "https://katfile.com/z9y8x7w6v5u4/archive.rar.html", ...XFILESHARING.files.z9y8x7w6v5u4! },
  unavailableLink: "https://katfile.com/nosuchfile00",
  limited: { link: "https://katfile.com/trafficlimit", at: "download" },
  lapses: true,
});
