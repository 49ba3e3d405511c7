"use client";
import { useEffect, useState } from "react";
import { Copy, Download, FileArchive, RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import type { Design } from "@/lib/topology/design";
import { designsApi, type RenderedCluster } from "@/components/designs/api";

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

/** The YAML each cluster gets, rendered by the server's renderer from the in-editor (unsaved) design. */
export function ManifestsPanel({ design }: { design: Design }) {
  const toast = useToast();
  const [clusters, setClusters] = useState<RenderedCluster[] | null>(null);
  const [error, setError] = useState<{ message: string; issues: { path: string; message: string }[] } | null>(null);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    // Debounced: typing in the inspector while this tab is open should not fire a render per keystroke.
    const t = setTimeout(() => {
      setLoading(true);
      designsApi
        .render(design, ac.signal)
        .then((r) => {
          setClusters(r.clusters);
          setError(null);
        })
        .catch((e: unknown) => {
          if (ac.signal.aborted) return;
          const body = e instanceof ApiError ? (e.body as { issues?: { path: string; message: string }[] }) : undefined;
          setError({ message: e instanceof Error ? e.message : String(e), issues: body?.issues ?? [] });
        })
        .finally(() => !ac.signal.aborted && setLoading(false));
    }, 350);
    return () => {
      clearTimeout(t);
      ac.abort();
    };
  }, [design, tick]);

  const current = clusters?.[Math.min(active, (clusters?.length ?? 1) - 1)];
  const base = slug(design.name);

  const zip = async () => {
    if (!clusters) return;
    const { default: JSZip } = await import("jszip");
    const z = new JSZip();
    for (const c of clusters) z.file(`${base}/${c.name}.yaml`, c.yaml);
    download(`${base}-manifests.zip`, await z.generateAsync({ type: "blob" }));
  };

  return (
    <section className="tc-manifests" aria-label="Manifests">
      <div className="tc-manifests-bar">
        <div className="tc-cluster-tabs" role="tablist" aria-label="Clusters">
          {clusters?.map((c, i) => (
            <button
              key={c.name}
              role="tab"
              type="button"
              aria-selected={i === active}
              className={i === active ? "is-active" : ""}
              onClick={() => setActive(i)}
            >
              {c.name}{" "}
              <span className="tc-muted">
                · {c.objectCount} object{c.objectCount === 1 ? "" : "s"}
              </span>
            </button>
          ))}
          {clusters && clusters.length === 0 && <span className="tc-muted">Add a cluster to render manifests.</span>}
        </div>
        <div className="tc-manifests-actions">
          {loading && (
            <span className="tc-muted" role="status">
              Rendering…
            </span>
          )}
          <Button
            size="sm"
            variant="ghost"
            icon={<RefreshCw size={14} />}
            onClick={() => setTick((x) => x + 1)}
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
            <strong>Cannot render this design.</strong> {error.issues.length ? "Fix these first:" : error.message}
            {error.issues.length > 0 && (
              <ul>
                {error.issues.slice(0, 8).map((i, k) => (
                  <li key={k}>
                    <code>{i.path || "(design)"}</code>: {i.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : current ? (
        <pre className="tc-yaml" tabIndex={0} aria-label={`Manifests for cluster ${current.name}`}>
          {current.yaml}
        </pre>
      ) : (
        !clusters && <p className="tc-muted tc-pad">Rendering…</p>
      )}
    </section>
  );
}
