import { describeAdapterContract } from "../../../helpers/hosters";
import { DROPBOX } from "../../../servers/hoster-fixtures";

describeAdapterContract({
  adapterId: "dropbox",
  host: "dropbox.com",
  standInVar: "DROPBOX_URL",
  file: { link: "https://www.dropbox.com/scl/fi/a1b2c3d4e5f6/pr%C3%A9sentation.pptx?rlkey=abcdef123456&dl=0", ...DROPBOX.files.a1b2c3d4e5f6! },
  unavailableLink: "https://www.dropbox.com/s/goneeeeeeee1/old.zip?dl=0",
  limited: { link: "https://www.dropbox.com/s/toomuch00001/viral.mov?dl=0", at: "check" },
  passwordUnsupported: { link: "https://www.dropbox.com/s/lockedlink01/private.zip?dl=0" },
});
