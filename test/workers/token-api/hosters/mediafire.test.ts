import { describeAdapterContract } from "../../../helpers/hosters";
import { MEDIAFIRE } from "../../../servers/hoster-fixtures";

describeAdapterContract({
  adapterId: "mediafire",
  host: "mediafire.com",
  standInVar: "MEDIAFIRE_URL",
  file: { link: "https://www.mediafire.com/file/abcde12345fgh/album.zip/file", ...MEDIAFIRE.files.abcde12345fgh! },
  unavailableLink: "https://www.mediafire.com/file/zzzzz99999zzz/gone.zip/file",
  limited: { link: "https://www.mediafire.com/file/busy1234567ab/viral.mp4/file", at: "download" },
  password: { link: "https://www.mediafire.com/file/locked12345ab/private.7z/file", right: "sesame", file: MEDIAFIRE.files.locked12345ab! },
  folder: { link: "https://www.mediafire.com/folder/fold3rk3y12/photos", links: ["https://www.mediafire.com/file/abcde12345fgh/file", "https://www.mediafire.com/file/locked12345ab/file"] },
  lapses: true,
});
