"use client";
import "./import.css";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { FileUp } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { fetchJson } from "@/components/ui/fetch-json";
import { KINDS, type ComponentKind } from "@/lib/topology/catalog";
import type { ImportReport } from "@/lib/topology/import/report";
import { plural } from "@/lib/text/plural";

type Source = "files" | "cluster";
interface ClusterOption {
  id: string;
  name: string;
  server: string;
  namespaceDefault: string | null;
}
type ImportRequest =
  | { name: string; manifests: string; dryRun: boolean }
  | { name: string; discover: { clusterId: string; namespaces: string[] }; dryRun: boolean };

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Files the user picked → one YAML stream; a .zip contributes every YAML/JSON file inside it, in name order. */
async function readFiles(files: FileList): Promise<{ names: string[]; text: string }> {
  const names: string[] = [];
  const parts: string[] = [];
  for (const f of Array.from(files)) {
    if (/\.zip$/i.test(f.name)) {
      const { default: JSZip } = await import("jszip");
      const zip = await JSZip.loadAsync(await f.arrayBuffer());
      const entries = Object.values(zip.files)
        .filter((e) => !e.dir && MANIFEST_FILE.test(e.name))
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        names.push(`${f.name}/${e.name}`);
        parts.push(await e.async("string"));
      }
    } else {
      names.push(f.name);
      parts.push(await f.text());
    }
  }
  return { names, text: parts.map((p) => p.replace(/\n?$/, "\n")).join("---\n") };
}

/**
 * Import on the New design page: paste or upload manifests (files or a .zip), or discover what runs in a
 * registered cluster; the report is shown first (a dry run), then the design is saved and opened laid out.
 */
export function ImportDesign({ name }: { name: string }) {
  const router = useRouter();
  const toast = useToast();
  const [source, setSource] = useState<Source>("files");
  const [text, setText] = useState("");
  const [files, setFiles] = useState<string[]>([]);
  const [clusterId, setClusterId] = useState("");
  const [namespaces, setNamespaces] = useState("monitoring");
  const [report, setReport] = useState<ImportReport | null>(null);
  const clusters = useQuery({
    queryKey: ["clusters"],
    queryFn: () => fetchJson<{ clusters: ClusterOption[] }>("/api/clusters").then((r) => r.clusters),
    enabled: source === "cluster",
  });

  const request = (dryRun: boolean): ImportRequest => {
    const n = name.trim() || "Imported design";
    if (source === "files") return { name: n, manifests: text, dryRun };
    const list = namespaces
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    return { name: n, discover: { clusterId: clusterId || clusters.data?.[0]?.id || "", namespaces: list }, dryRun };
  };
  const preview = useMutation({
    mutationFn: () => fetchJson<{ report: ImportReport }>("/api/designs/import", { body: request(true) }),
    onSuccess: (r) => setReport(r.report),
    onError: (e: Error) => toast.error(e.message, "Could not read the manifests"),
  });
  const save = useMutation({
    mutationFn: () => fetchJson<{ id: string }>("/api/designs/import", { body: request(false) }),
    onSuccess: (r) => router.push(`/designs/${r.id}`),
    onError: (e: Error) => toast.error(e.message, "Could not import the design"),
  });
  const changed = () => setReport(null);
  const ready = source === "files" ? text.trim().length > 0 : Boolean(clusterId || clusters.data?.length);

  return (
    <section className="imp" aria-label="Import">
      <div className="imp-sources" role="radiogroup" aria-label="Import from">
        {(
          [
            [
              "files",
              "Manifests",
              "Paste YAML or upload files or a .zip (kubectl, Helm template, kube-thanos output).",
            ],
            [
              "cluster",
              "Registered cluster",
              "Read what runs in its namespaces (deployer role; read-only credentials suffice).",
            ],
          ] as const
        ).map(([value, title, hint]) => (
          <label key={value} className={`imp-source ${source === value ? "is-selected" : ""}`}>
            <input
              type="radio"
              name="import-source"
              value={value}
              checked={source === value}
              onChange={() => {
                setSource(value);
                changed();
              }}
            />
            <strong>{title}</strong>
            <span className="muted">{hint}</span>
          </label>
        ))}
      </div>

      {source === "files" ? (
        <div className="imp-files">
          <Textarea
            label="Manifests"
            placeholder={"apiVersion: apps/v1\nkind: Deployment\n…"}
            value={text}
            rows={12}
            spellCheck={false}
            className="imp-text"
            onChange={(e) => {
              setText(e.target.value);
              setFiles([]);
              changed();
            }}
          />
          <label className="btn btn-secondary imp-upload">
            <FileUp size={15} aria-hidden /> Upload YAML or .zip
            <input
              type="file"
              multiple
              accept=".yaml,.yml,.json,.zip"
              aria-label="Upload manifests"
              onChange={async (e) => {
                const list = e.target.files;
                if (!list?.length) return;
                try {
                  const r = await readFiles(list);
                  setText(r.text);
                  setFiles(r.names);
                  changed();
                } catch (err) {
                  toast.error(err instanceof Error ? err.message : String(err), "Could not read the files");
                }
              }}
            />
          </label>
          {files.length > 0 && <p className="faint imp-loaded">Loaded {files.join(", ")}</p>}
        </div>
      ) : (
        <div className="imp-cluster">
          <Select
            label="Cluster"
            value={clusterId}
            onChange={(e) => {
              setClusterId(e.target.value);
              changed();
            }}
          >
            {(clusters.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.server})
              </option>
            ))}
          </Select>
          {clusters.data?.length === 0 && (
            <p className="muted">No registered clusters yet: an admin adds them under Clusters.</p>
          )}
          <Input
            label="Namespaces"
            hint="Comma-separated"
            value={namespaces}
            onChange={(e) => {
              setNamespaces(e.target.value);
              changed();
            }}
          />
        </div>
      )}

      <div className="ds-new-actions">
        <Button onClick={() => preview.mutate()} loading={preview.isPending} disabled={!ready}>
          Preview import
        </Button>
        <Button variant="primary" onClick={() => save.mutate()} loading={save.isPending} disabled={!report}>
          Save design
        </Button>
      </div>

      {report && <ImportReportView report={report} />}
    </section>
  );
}

/** What the import found: components and connections, every object's fate, and the notes. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const s = report.summary;
  const missing = report.objects.filter((o) => o.status === "not-understood");
  return (
    <div className="imp-report" data-testid="import-report">
      <h2>Import report</h2>
      <p className="imp-summary">
        {plural(s.components, "component")} and {plural(s.connections, "connection")} from {plural(s.objects, "object")}
        : {s.mapped} mapped,{" "}
        <span className={s.notUnderstood ? "imp-warn" : undefined}>{s.notUnderstood} not understood</span>.
      </p>
      <div className="imp-columns">
        <div>
          <h3>Components</h3>
          <ul className="imp-list" data-testid="import-components">
            {report.components
              .filter((c) => c.kind !== "cluster")
              .map((c) => (
                <li key={c.id}>
                  <span className="badge">{KINDS[c.kind as ComponentKind]?.label ?? c.kind}</span> {c.name}
                  {c.cluster && <span className="faint"> in {c.cluster}</span>}
                </li>
              ))}
          </ul>
          <h3>Connections</h3>
          <ul className="imp-list">
            {report.connections.map((e, i) => (
              <li key={i}>
                {e.from} <span className="faint">{e.kind} →</span> {e.to}
              </li>
            ))}
          </ul>
        </div>
        <div>
          {missing.length > 0 && (
            <>
              <h3>Not understood</h3>
              <ul className="imp-list" data-testid="import-not-understood">
                {missing.map((o, i) => (
                  <li key={i}>
                    <code>
                      {o.kind}/{o.name}
                    </code>{" "}
                    <span className="muted">{o.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.notes.length > 0 && (
            <>
              <h3>Notes</h3>
              <ul className="imp-list">
                {report.notes.map((n, i) => (
                  <li key={i}>
                    {n.component && <strong>{n.component}: </strong>}
                    <span className="muted">{n.message}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <details>
            <summary>Every object ({report.objects.length})</summary>
            <ul className="imp-list">
              {report.objects.map((o, i) => (
                <li key={i}>
                  <code>
                    {o.kind}/{o.name}
                  </code>{" "}
                  {o.status === "mapped" ? (
                    <span className="faint">→ {o.component}</span>
                  ) : (
                    <span className="imp-warn">not understood</span>
                  )}
                </li>
              ))}
            </ul>
          </details>
        </div>
      </div>
    </div>
  );
}
