/** The site group's validators: what a failure becomes on pages and on /api (see http/input.ts). */
import { AppError } from "../../errors";
import { fieldErrors, groupValidator } from "../input";

export { formValidator } from "../input";

/** /api bodies: 422 validation_failed with a key per failing field. */
export const apiInput = groupValidator({
  reject: ({ issues }) => {
    throw new AppError("validation_failed", { details: { fields: fieldErrors(issues) } });
  },
});

/** Page path parameters: a value that cannot name anything names nothing (404). */
export const pageParam = groupValidator({
  reject: () => {
    throw new AppError("page_not_found");
  },
});

/** Page query parameters: schemas give fallbacks for what they tolerate; anything else is a bad request. */
export const pageQuery = groupValidator({
  reject: () => {
    throw new AppError("bad_request");
  },
});
