// POST /api/designs/import (editor; `discover` needs deployer): {name, manifests} | {name, clusters:[{name, manifests}]}
// | {name, discover:{clusterId, namespaces}} → 201 {id, revision, report}; with "dryRun": true → 200 {design, report}.
// 400 names the document index and line of unreadable YAML; 413 over 10 MiB or 5,000 objects. Nothing stored until success.
import { json, route } from "@/server/http/route";
import { ImportBody, MAX_IMPORT_BODY_BYTES, importDesign } from "@/server/import/service";

export const POST = route(
  { role: "editor", body: ImportBody, maxBodyBytes: MAX_IMPORT_BODY_BYTES },
  async ({ actor, body }) => {
    const result = await importDesign(actor!, body);
    return json(result, { status: "id" in result ? 201 : 200 });
  },
);
