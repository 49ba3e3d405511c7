"use client";
// Register a cluster: paste or upload a kubeconfig and pick one of its contexts, or choose "in-cluster"
// (the app's own service account). The server validates before storing and answers with a clear reason
// for rejected shapes (exec plugins, auth-provider, file paths) and for credentials the API server refused
// (401/403); those show under the kubeconfig, each problem on its own line below the hint.
import { useMemo, useRef, useState } from "react";
import { FileUp, KeyRound, Cloud } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiError } from "@/components/ui/fetch-json";
import { Input, Select, Textarea } from "@/components/ui/input";
import { clustersApi, type ClusterView } from "./api";
import { kubeconfigContexts } from "./kubeconfig-contexts";
import styles from "./clusters.module.css";
import { ProductionToggle } from "./ProductionToggle";

export function RegisterClusterDialog({
  open,
  onClose,
  onRegistered,
}: {
  open: boolean;
  onClose: () => void;
  /** `warning`: stored although its API server could not be asked (unreachable for now). */
  onRegistered: (c: ClusterView & { warning?: string }) => void;
}) {
  const [source, setSource] = useState<"kubeconfig" | "in-cluster">("kubeconfig");
  const [name, setName] = useState("");
  const [kubeconfig, setKubeconfig] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [context, setContext] = useState("");
  const [namespace, setNamespace] = useState("");
  const [production, setProduction] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** What the server said about the kubeconfig itself (its `issues` on path "kubeconfig"). */
  const [kubeconfigError, setKubeconfigError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const parsed = useMemo(() => kubeconfigContexts(kubeconfig), [kubeconfig]);
  const chosen =
    context && parsed.contexts.some((c) => c.name === context)
      ? context
      : (parsed.current ?? parsed.contexts[0]?.name ?? "");
  const chosenInfo = parsed.contexts.find((c) => c.name === chosen);

  function reset() {
    setSource("kubeconfig");
    setName("");
    setKubeconfig("");
    setFileName(null);
    setContext("");
    setNamespace("");
    setProduction(false);
    setError(null);
    setKubeconfigError(null);
  }

  function close() {
    reset();
    onClose();
  }

  async function onFile(file: File | undefined) {
    if (!file) return;
    if (file.size > 256 * 1024) {
      setError("That file is larger than 256 KiB; it is not a kubeconfig.");
      return;
    }
    setKubeconfig(await file.text());
    setFileName(file.name);
    setContext("");
    setError(null);
  }

  async function submit() {
    setBusy(true);
    setError(null);
    setKubeconfigError(null);
    try {
      const ns = namespace.trim() || undefined;
      const c =
        source === "in-cluster"
          ? await clustersApi.register({ name: name.trim(), inCluster: true, namespace: ns, production })
          : await clustersApi.register({
              name: name.trim(),
              kubeconfig,
              context: chosen || undefined,
              namespace: ns,
              production,
            });
      reset();
      onRegistered(c);
    } catch (e) {
      const issue =
        e instanceof ApiError
          ? (e.body as { issues?: { path: string; message: string }[] } | undefined)?.issues?.find(
              (i) => i.path === "kubeconfig",
            )
          : undefined;
      if (issue) setKubeconfigError(issue.message);
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const canSubmit =
    name.trim() !== "" && (source === "in-cluster" || (kubeconfig.trim() !== "" && !parsed.error && chosen !== ""));

  return (
    <Dialog
      open={open}
      onClose={close}
      width={640}
      title="Register a cluster"
      description="The kubeconfig is checked, encrypted at rest and never shown again — only the server URL, context and user name are."
      onSubmit={() => canSubmit && void submit()}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={busy} disabled={!canSubmit}>
            Register
          </Button>
        </>
      }
    >
      <div className="form-stack">
        <div className={styles.twoCols}>
          <Input
            label="Name"
            name="cluster-name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            required
            placeholder="prod-eu-1"
            hint="Lower-case letters, digits and '-'."
            autoComplete="off"
            spellCheck={false}
          />
          <Input
            label="Default namespace (optional)"
            value={namespace}
            onChange={(e) => setNamespace(e.target.value)}
            placeholder="monitoring"
            hint="What “Check connection” checks."
            autoComplete="off"
            spellCheck={false}
          />
        </div>

        <div className={styles.sourcePicker} role="radiogroup" aria-label="Credentials">
          <label className={source === "kubeconfig" ? styles.sourceActive : undefined}>
            <input
              type="radio"
              name="source"
              value="kubeconfig"
              checked={source === "kubeconfig"}
              onChange={() => {
                setSource("kubeconfig");
                setError(null);
              }}
            />
            <KeyRound size={16} aria-hidden />
            <span>
              <strong>Kubeconfig</strong>
              <small>Paste or upload; one context.</small>
            </span>
          </label>
          <label className={source === "in-cluster" ? styles.sourceActive : undefined}>
            <input
              type="radio"
              name="source"
              value="in-cluster"
              checked={source === "in-cluster"}
              onChange={() => {
                setSource("in-cluster");
                setError(null);
              }}
            />
            <Cloud size={16} aria-hidden />
            <span>
              <strong>In-cluster</strong>
              <small>This app's service account.</small>
            </span>
          </label>
        </div>

        {source === "kubeconfig" ? (
          <>
            <div>
              <div className={styles.kubeconfigHead}>
                <span className="field-label">Kubeconfig</span>
                <Button size="sm" variant="ghost" icon={<FileUp size={14} />} onClick={() => fileRef.current?.click()}>
                  Upload file
                </Button>
                <input
                  ref={fileRef}
                  type="file"
                  hidden
                  accept=".yaml,.yml,.conf,.config,text/yaml,text/plain,*/*"
                  data-testid="kubeconfig-file"
                  onChange={(e) => void onFile(e.target.files?.[0])}
                />
              </div>
              <Textarea
                aria-label="Kubeconfig"
                className={styles.kubeconfig}
                value={kubeconfig}
                onChange={(e) => {
                  setKubeconfig(e.target.value);
                  setFileName(null);
                  setError(null);
                  setKubeconfigError(null);
                }}
                rows={6}
                spellCheck={false}
                autoComplete="off"
                placeholder={"apiVersion: v1\nkind: Config\nclusters: …\ncontexts: …\nusers: …"}
              />
              <div className="field-hint">
                {fileName ? `Loaded ${fileName}. ` : ""}Credentials must be embedded (token, client-certificate-data);
                exec plugins, auth-providers and file paths are refused. Registering tries them on the API server.
              </div>
              {parsed.error && kubeconfig.trim() ? (
                <div className="field-error" role="alert" data-testid="kubeconfig-yaml-error">
                  {parsed.error}
                </div>
              ) : null}
              {kubeconfigError ? (
                <div className="field-error" role="alert" data-testid="kubeconfig-error">
                  {kubeconfigError}
                </div>
              ) : null}
            </div>
            <Select
              label="Context"
              value={chosen}
              onChange={(e) => setContext(e.target.value)}
              disabled={parsed.contexts.length === 0}
              hint={
                chosenInfo
                  ? `cluster ${chosenInfo.cluster ?? "?"} · user ${chosenInfo.user ?? "?"}${chosenInfo.namespace ? ` · namespace ${chosenInfo.namespace}` : ""}`
                  : "Paste a kubeconfig to pick one of its contexts."
              }
            >
              {parsed.contexts.length === 0 ? <option value="">—</option> : null}
              {parsed.contexts.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                  {c.name === parsed.current ? " (current)" : ""}
                </option>
              ))}
            </Select>
          </>
        ) : (
          <div className="alert alert-info">
            Uses the token and CA the pod's service account mounts. Works only when Topology Studio itself runs inside
            the target cluster.
          </div>
        )}

        <ProductionToggle
          checked={production}
          onChange={(e) => setProduction(e.target.checked)}
          data-testid="production-checkbox"
        />

        {error ? (
          <div className="alert alert-danger" role="alert" data-testid="register-error">
            {error}
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
