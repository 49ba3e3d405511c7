"use client";
import { memo, useState } from "react";
import { Copy, Download, FileArchive, RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import type { PanelSource } from "@/components/source/source";
import { useManifests } from "@/components/source/queries";

interface Issue {
  path: string;
  message: string;
}

function slug(s: string) {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "design"
  );
}

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The YAML each cluster gets from the server's renderer: the in-editor (unsaved) document, or a shared revision. */
export const ManifestsPanel = memo(function ManifestsPanel({ source }: { source: PanelSource }) {
  const toast = useToast();
  const [active, setActive] = useState<string>();
  const { clusters, current, error, fetching, refetch, loadAll } = useManifests(source, active);
  const issues = error instanceof ApiError ? ((error.body as { issues?: Issue[] } | undefined)?.issues ?? []) : [];
  const base = slug(source.document.name);

  const zip = async () => {
    const all = await loadAll();
    if (!all.length) return;
    const { default: JSZip } = await import("jszip");
    const z = new JSZip();
    for (const c of all) z.file(`${base}/${c.name}.yaml`, c.yaml);
    download(`${base}-manifests.zip`, await z.generateAsync({ type: "blob" }));
  };

  return (
    <section className="tc-manifests" aria-label="Manifests">
      <div className="tc-manifests-bar">
        <div className="tc-cluster-tabs" role="tablist" aria-label="Clusters">
          {clusters?.map((c) => (
            <button
              key={c.name}
              role="tab"
              type="button"
              aria-selected={c.name === current?.name}
              className={c.name === current?.name ? "is-active" : ""}
              onClick={() => setActive(c.name)}
            >
              {c.name}{" "}
              {c.objectCount !== undefined && (
                <span className="tc-muted">
                  · {c.objectCount} object{c.objectCount === 1 ? "" : "s"}
                </span>
              )}
            </button>
          ))}
          {clusters && clusters.length === 0 && <span className="tc-muted">Add a cluster to render manifests.</span>}
        </div>
        <div className="tc-manifests-actions">
          {fetching && (
            <span className="tc-muted" role="status">
              Rendering…
            </span>
          )}
          <Button
            size="sm"
            variant="ghost"
            icon={<RefreshCw size={14} />}
            onClick={refetch}
            aria-label="Render again"
          />
          <Button
            size="sm"
            icon={<Copy size={14} />}
            disabled={!current}
            onClick={() =>
              current &&
              navigator.clipboard.writeText(current.yaml).then(
                () => toast.success(`${current.name}.yaml copied to the clipboard`),
                () => toast.error("The browser refused clipboard access"),
              )
            }
          >
            Copy
          </Button>
          <Button
            size="sm"
            icon={<Download size={14} />}
            disabled={!current}
            onClick={() =>
              current && download(`${base}-${current.name}.yaml`, new Blob([current.yaml], { type: "text/yaml" }))
            }
          >
            Download .yaml
          </Button>
          <Button size="sm" icon={<FileArchive size={14} />} disabled={!clusters?.length} onClick={zip}>
            Zip (one file per cluster)
          </Button>
        </div>
      </div>
      {error ? (
        <div className="tc-manifests-error alert alert-danger" role="alert">
          <div>
            <strong>Cannot render this design.</strong> {issues.length ? "Fix these first:" : error.message}
            {issues.length > 0 && (
              <ul>
                {issues.slice(0, 8).map((i, k) => (
                  <li key={k}>
                    <code>{i.path || "(design)"}</code>: {i.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : current ? (
        <pre
          className="tc-yaml"
          tabIndex={0}
          aria-label={`Manifests for cluster ${current.name}`}
          data-testid="manifests-yaml"
        >
          {current.yaml}
        </pre>
      ) : (
        clusters?.length !== 0 && <p className="tc-muted tc-pad">Rendering…</p>
      )}
    </section>
  );
});
