// The commit message of a Git export: what, from which revision, by whom, its approval and lint summary,
// and which objects were withheld because they hold secret values. Shared by the server and the CLI.
import { plural } from "@/lib/text/plural";
import type { DesignFolders } from "./folders";

/** The commit message: what, from which revision, by whom, its approval and its lint summary. */
export function exportCommitMessage(m: {
  designName: string;
  designId: string;
  revision: number | null;
  cluster: string;
  revisionAuthor: string;
  revisionMessage: string | null;
  exportedBy: string;
  /** undefined: not known (a design file exported by the CLI has no approvals). */
  approvedRevision: number | null | undefined;
  lint: { errors: number; warnings: number };
  folders: DesignFolders;
}): string {
  const approval =
    m.approvedRevision === undefined
      ? "unknown (exported from a file)"
      : m.approvedRevision === m.revision
        ? "approved"
        : m.approvedRevision === null
          ? "not approved"
          : `not approved (revision ${m.approvedRevision} is the approved one)`;
  const lines = [
    `${m.designName}${m.revision === null ? "" : ` r${m.revision}`}: ${m.cluster}`,
    "",
    `Design: ${m.designName} (${m.designId})`,
    `Revision: ${m.revision === null ? "none (a design file)" : `${m.revision} by ${m.revisionAuthor}`}${m.revisionMessage ? ` — ${m.revisionMessage}` : ""}`,
    `Exported by: ${m.exportedBy}`,
    `Approval: ${approval}`,
    `Lint: ${plural(m.lint.errors, "error")}, ${plural(m.lint.warnings, "warning")}`,
    `Objects: ${m.folders.objectCount} in ${m.folders.folders.map((f) => f.path).join(", ")}`,
  ];
  if (m.folders.withheld.length)
    lines.push(
      `Not committed (they hold secret values; provide them with Sealed Secrets or External Secrets): ${m.folders.withheld.map((w) => w.object).join(", ")}`,
    );
  return `${lines.join("\n")}\n`;
}
