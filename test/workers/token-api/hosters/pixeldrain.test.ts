import { describeAdapterContract } from "../../../helpers/hosters";
import { PIXELDRAIN } from "../../../servers/hoster-fixtures";

describeAdapterContract({
  adapterId: "pixeldrain",
  host: "pixeldrain.com",
  standInVar: "PIXELDRAIN_API_URL",
  file: { link: "https://pixeldrain.com/u/pxOk1234", ...PIXELDRAIN.files.pxOk1234! },
  unavailableLink: "https://pixeldrain.com/u/pxGone99",
  limited: { link: "https://pixeldrain.com/u/pxLimit01", at: "check" },
  folder: { link: "https://pixeldrain.com/l/LstAbc12", links: ["https://pixeldrain.com/u/pxOk1234", "https://pixeldrain.com/u/pxTwo567"] },
});
