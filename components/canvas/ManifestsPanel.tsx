"use client";
// The Manifests tab (editor and share page): every cluster's objects as a tree beside the highlighted YAML
// the server rendered, with jump-to-object, Copy and Download of the shown cluster, and the bundle zip.
import { memo, useCallback, useMemo, useState } from "react";
import { Copy, Download, FileArchive, RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import { downloadBlob, fetchBundleZip, fileSlug } from "@/components/manifests/download";
import type { ManifestObject } from "@/components/manifests/manifest-index";
import { ManifestTree, objectsOf } from "@/components/manifests/ManifestTree";
import { YamlView } from "@/components/manifests/YamlView";
import styles from "@/components/manifests/manifests.module.css";
import type { PanelSource } from "@/components/source/source";
import { useManifests } from "@/components/source/queries";

interface Issue {
  path: string;
  message: string;
}

export const ManifestsPanel = memo(function ManifestsPanel({ source }: { source: PanelSource }) {
  const toast = useToast();
  const [active, setActive] = useState<string>();
  const [filter, setFilter] = useState("");
  const [picked, setPicked] = useState<string | null>(null);
  const [jump, setJump] = useState(0);
  const [zipping, setZipping] = useState(false);
  // Filtering searches every cluster, so a share link then loads them all.
  const { clusters, current, error, fetching, refetch } = useManifests(source, active, filter.trim() !== "");
  const issues = error instanceof ApiError ? ((error.body as { issues?: Issue[] } | undefined)?.issues ?? []) : [];
  const base = fileSlug(source.document.name);
  const objects = useMemo(() => (current?.yaml ? objectsOf(current.yaml) : []), [current?.yaml]);
  const mark = objects.find((o) => o.key === picked) ?? null;

  const pick = useCallback((cluster: string, o: ManifestObject) => {
    setActive(cluster);
    setPicked(o.key);
    setJump((n) => n + 1);
  }, []);
  const showCluster = useCallback((cluster: string) => {
    setActive(cluster);
    setPicked(null);
    setJump((n) => n + 1);
  }, []);
  const onLine = (line: number) =>
    setPicked(objects.find((o) => o.startLine <= line && line <= o.endLine)?.key ?? null);

  const zip = async () => {
    if (source.kind !== "design") return;
    setZipping(true);
    try {
      downloadBlob(`${base}-manifests.zip`, await fetchBundleZip(source.document, source.designId));
    } catch (e) {
      toast.error((e as Error).message, "Zip failed");
    } finally {
      setZipping(false);
    }
  };
  const copy = () =>
    current &&
    navigator.clipboard.writeText(current.yaml).then(
      () => toast.success(`${current.name}.yaml copied to the clipboard`),
      () => toast.error("The browser refused clipboard access"),
    );

  return (
    <section className="tc-manifests" aria-label="Manifests">
      <div className={styles.layout}>
        {clusters && clusters.length > 0 ? (
          <ManifestTree
            clusters={clusters}
            active={current?.name ?? active ?? clusters[0]?.name}
            picked={picked}
            filter={filter}
            onFilter={setFilter}
            onCluster={showCluster}
            onPick={pick}
          />
        ) : (
          <p className="tc-muted tc-pad">{clusters ? "Add a cluster to render manifests." : "Rendering…"}</p>
        )}
        <div className={styles.main}>
          <div className={styles.bar}>
            <span className={styles.barTitle}>
              {current ? (
                <>
                  cluster <strong>{current.name}</strong>
                  <span>
                    {" "}
                    · {objects.length} object{objects.length === 1 ? "" : "s"}
                    {mark ? ` · ${mark.kind} ${mark.name}` : ""}
                  </span>
                </>
              ) : null}
            </span>
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
            <Button size="sm" icon={<Copy size={14} />} disabled={!current} onClick={copy}>
              Copy
            </Button>
            <Button
              size="sm"
              icon={<Download size={14} />}
              disabled={!current}
              onClick={() =>
                current && downloadBlob(`${base}-${current.name}.yaml`, new Blob([current.yaml], { type: "text/yaml" }))
              }
              title="This cluster's objects as one multi-document YAML file"
            >
              Download
            </Button>
            {/* The bundle is built by the server from the design; a share link's guests cannot ask for one. */}
            {source.kind === "design" && (
              <Button
                size="sm"
                icon={<FileArchive size={14} />}
                disabled={!clusters?.length}
                loading={zipping}
                onClick={zip}
                title="A folder per cluster, a file per object and a kustomization.yaml"
              >
                Zip
              </Button>
            )}
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
            <YamlView
              yaml={current.yaml}
              label={`Manifests for cluster ${current.name}`}
              mark={mark}
              jump={jump}
              onLine={onLine}
            />
          ) : (
            clusters?.length !== 0 && <p className="tc-muted tc-pad">Rendering…</p>
          )}
        </div>
      </div>
    </section>
  );
});
