// `topo export-git`: the studio's Git export for scripts and CI, through the same core as the server
// (server/git/export.ts): render, lay out a folder per cluster at the path template, prune, commit, push.
import { lintDesign } from "@/lib/topology/lint";
import { plural } from "@/lib/text/plural";
import { exportCommitMessage } from "@/server/git/commit-message";
import { exportToGit, GitExportError } from "@/server/git/export";
import { designFolders } from "@/server/git/folders";
import { DEFAULT_PATH_TEMPLATE, pathTemplateProblem } from "@/server/git/path-template";
import { designSlug } from "@/server/render";
import { CliError, designIdFor, EXIT, loadDesign, rejectUnknown, writeFindings, type Io, type Parsed } from "./topo";

export const EXPORT_GIT_USAGE = `topo export-git <design.json | template> --repo URL [--branch B] [--path TEMPLATE]
              [--token-env VAR] [--user NAME] [--cluster NAME] [--design-id ID] [--author "Name <email>"]
              [--review-branch] [--allow-insecure] [--argocd] [--force]
                                                     commits the rendered folders to a Git repository (https;
                                                     --allow-insecure for http://) and prints the commit id, or
                                                     "unchanged"; path placeholders {cluster} {design} {namespace}
                                                     (default ${DEFAULT_PATH_TEMPLATE}); the token is read from
                                                     the environment variable VAR; secret values are never committed`;

const AUTHOR = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/;

export async function cmdExportGit(p: Parsed, io: Io): Promise<number> {
  rejectUnknown(p, [
    "--repo",
    "--branch",
    "--path",
    "--token-env",
    "--user",
    "--cluster",
    "--design-id",
    "--author",
    "--review-branch",
    "--allow-insecure",
    "--argocd",
    "--force",
  ]);
  const [ref, ...rest] = p.positional;
  if (!ref || rest.length)
    throw new CliError(`export-git takes one design file or template name\n\n${EXPORT_GIT_USAGE}`);
  const flag = (name: string) => {
    const v = p.flags.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const url = flag("--repo");
  if (!url) throw new CliError("--repo URL is required (https://host/owner/repo.git)");
  const branch = flag("--branch") ?? "main";
  const pathTemplate = flag("--path") ?? DEFAULT_PATH_TEMPLATE;
  const pathProblem = pathTemplateProblem(pathTemplate);
  if (pathProblem) throw new CliError(`--path ${pathTemplate}: ${pathProblem}`);
  const tokenEnv = flag("--token-env");
  const token = tokenEnv ? (io.env ?? process.env)[tokenEnv] : undefined;
  if (tokenEnv && !token) throw new CliError(`--token-env ${tokenEnv}: the environment variable is not set or empty`);
  const authorMatch = AUTHOR.exec(flag("--author") ?? "Topology Studio <topology-studio@localhost>");
  if (!authorMatch) throw new CliError(`--author must look like "Name <email>"`);

  const loaded = await loadDesign(ref, io.cwd);
  const { design, source } = loaded;
  const designId = designIdFor(p, loaded);
  const findings = lintDesign(design);
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length) {
    writeFindings(io.err, design, errors);
    if (!p.flags.has("--force")) {
      io.err.write(`${source}: ${plural(errors.length, "lint error")}; not exporting (--force exports anyway)\n`);
      return EXIT.lintErrors;
    }
  }
  const only = flag("--cluster");
  const clusters = design.components.filter((c) => c.kind === "cluster").map((c) => c.name);
  if (only && !clusters.includes(only))
    throw new CliError(
      `unknown cluster "${only}"; the design has ${clusters.map((c) => `"${c}"`).join(", ") || "none"}`,
    );
  if (!clusters.length) throw new CliError("the design has no clusters: nothing to export");
  const slug = designSlug(design.name);
  let folders: ReturnType<typeof designFolders>;
  try {
    folders = designFolders(design, {
      designId,
      designSlug: slug,
      pathTemplate,
      clusters: only ? [only] : undefined,
      argoCd: p.flags.has("--argocd") ? { repoUrl: url, branch } : undefined,
    });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const warnings = findings.filter((f) => f.severity === "warning").length;
  const message = exportCommitMessage({
    designName: design.name,
    designId,
    revision: null,
    cluster: only ?? clusters.join(", "),
    revisionAuthor: "",
    revisionMessage: null,
    exportedBy: `topo export-git (${source})`,
    approvedRevision: undefined,
    lint: { errors: errors.length, warnings },
    folders,
  });
  for (const w of folders.withheld) io.err.write(`not committed (holds secret values): ${w.cluster} ${w.object}\n`);
  try {
    const outcome = await exportToGit({
      remote: { url, branch, username: flag("--user"), token },
      allowInsecure: p.flags.has("--allow-insecure"),
      author: { name: authorMatch[1], email: authorMatch[2] },
      folders: folders.folders,
      message,
      pushBranch: p.flags.has("--review-branch") ? `topology-studio/${slug}` : undefined,
    });
    io.out.write(outcome.status === "unchanged" ? "unchanged\n" : `${outcome.commit}\n`);
    io.err.write(
      `${outcome.status === "unchanged" ? "nothing to commit on" : "pushed to"} ${outcome.branch}: ${folders.folders.map((f) => f.path).join(", ")}\n`,
    );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof GitExportError) throw new CliError(e.message, EXIT.failed);
    throw e;
  }
}
