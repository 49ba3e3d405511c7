// A branch name as `git check-ref-format --branch` accepts it, so a push never fails on a name the
// remote refuses, and no name can climb out of refs/heads/.

/** Why `name` is not a valid branch name, or null when it is. */
export function branchNameProblem(name: string): string | null {
  if (name.length === 0) return "a branch name is required";
  if (name.length > 200) return "at most 200 characters";
  if (name === "@") return "'@' is not a branch name";
  if (name.startsWith("-")) return "cannot start with '-'";
  if (name.startsWith("/") || name.endsWith("/")) return "cannot start or end with '/'";
  if (name.endsWith(".")) return "cannot end with '.'";
  if (name.includes("..")) return "cannot contain '..'";
  if (name.includes("//")) return "cannot contain '//'";
  if (name.includes("@{")) return "cannot contain '@{'";
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return "cannot contain spaces, control characters or ~ ^ : ? * [ \\";
  for (const part of name.split("/")) {
    if (part.startsWith(".")) return "no path component may start with '.'";
    if (part.endsWith(".lock")) return "no path component may end with '.lock'";
  }
  return null;
}
