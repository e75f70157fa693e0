/**
 * validate: name rules shared by tables and columns — required, an identifier, not too long, unique.
 * names + path builder → violations at `<path>.name`. Never throws.
 */
import { quote } from "./did-you-mean.js";
import { childPath, type Violation } from "./violation.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reports names that are empty, too long, not identifiers, or used twice. */
export function checkNames(
  names: readonly string[],
  what: string,
  pathOf: (i: number) => string,
  maxLength: number,
  out: Violation[],
): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const path = childPath(pathOf(i), "name");
    if (name === "") out.push({ path, message: `${what} name is required` });
    else if (name.length > maxLength)
      out.push({
        path,
        message: `${what} name is ${name.length} characters long; the limit is ${maxLength}`,
      });
    else if (!NAME.test(name))
      out.push({
        path,
        message: `${what} name ${quote(name)} must be an identifier ([A-Za-z_][A-Za-z0-9_]*)`,
      });
    const first = seen.get(name);
    if (first !== undefined && name !== "")
      out.push({ path, message: `duplicate ${what} name ${quote(name)} (also at index ${first})` });
    else seen.set(name, i);
  });
}
