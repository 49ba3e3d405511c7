"use client";
import { useState } from "react";
import { fetchJson } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";

type SettingValue = boolean | number | string[];
type Settings = Record<string, SettingValue>;

export function AdminSettingsPanel({
  settings,
  descriptions,
}: {
  settings: Settings;
  descriptions: Record<string, { label: string; help: string }>;
}) {
  const [values, setValues] = useState<Settings>(settings);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [metricsToken, setMetricsToken] = useState<string | null>(null);
  const toast = useToast();

  async function rotateMetricsToken() {
    try {
      const res = await fetchJson<{ token: string }>("/api/settings/metrics-token", { method: "POST" });
      setMetricsToken(res.token);
    } catch (err) {
      toast.error((err as Error).message, "Could not create a metrics token");
    }
  }

  async function save(key: string, value: SettingValue) {
    const before = values;
    setValues({ ...values, [key]: value });
    try {
      const res = await fetchJson<{ settings: Settings }>("/api/settings", { method: "PUT", body: { [key]: value } });
      setValues(res.settings);
      setDrafts(({ [key]: _dropped, ...rest }) => rest);
      const shown = typeof value === "boolean" ? (value ? "on" : "off") : "saved";
      toast.success(`${descriptions[key]?.label ?? key}: ${shown}`, "Setting saved");
    } catch (err) {
      setValues(before);
      toast.error((err as Error).message, "Could not save the setting");
    }
  }

  const text = (key: string, value: SettingValue) =>
    drafts[key] ?? (Array.isArray(value) ? value.join("\n") : String(value));
  const parsed = (value: SettingValue, draft: string): SettingValue =>
    Array.isArray(value)
      ? draft
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean)
      : Number(draft);

  return (
    <section className="card" aria-labelledby="workspace-title">
      <div className="card-header">
        <div>
          <h2 id="workspace-title">Workspace</h2>
          <p>Rules that apply to everyone.</p>
        </div>
      </div>
      <div className="card-body">
        {Object.entries(values).map(([key, value]) => {
          const label = (
            <span>
              <strong style={{ display: "block", fontWeight: 560 }}>{descriptions[key]?.label ?? key}</strong>
              <span className="muted" style={{ fontSize: 13 }}>
                {descriptions[key]?.help}
              </span>
            </span>
          );
          if (typeof value === "boolean")
            return (
              <label className="checkbox-row" key={key}>
                <input
                  type="checkbox"
                  className="switch"
                  role="switch"
                  checked={value}
                  onChange={(e) => save(key, e.target.checked)}
                  data-testid={`setting-${key}`}
                />
                {label}
                {key === "metricsEnabled" && value ? (
                  <span style={{ marginLeft: "auto", display: "flex", gap: 8, alignItems: "center" }}>
                    {metricsToken ? <code data-testid="metrics-token">{metricsToken}</code> : null}
                    <button
                      type="button"
                      className="btn btn-secondary btn-sm"
                      onClick={(e) => {
                        e.preventDefault();
                        void rotateMetricsToken();
                      }}
                    >
                      {metricsToken ? "Replace token" : "New metrics token"}
                    </button>
                  </span>
                ) : null}
              </label>
            );
          return (
            <form
              key={key}
              className="stack"
              style={{ gap: 6, marginTop: 12 }}
              onSubmit={(e) => {
                e.preventDefault();
                void save(key, parsed(value, text(key, value)));
              }}
            >
              <label htmlFor={`setting-${key}`}>{label}</label>
              {Array.isArray(value) ? (
                <textarea
                  id={`setting-${key}`}
                  className="textarea"
                  rows={4}
                  value={text(key, value)}
                  onChange={(e) => setDrafts({ ...drafts, [key]: e.target.value })}
                  data-testid={`setting-${key}`}
                  placeholder="minio.example.internal:9000"
                />
              ) : (
                <input
                  id={`setting-${key}`}
                  className="input"
                  type="number"
                  min={0}
                  value={text(key, value)}
                  onChange={(e) => setDrafts({ ...drafts, [key]: e.target.value })}
                  data-testid={`setting-${key}`}
                  style={{ maxWidth: 160 }}
                />
              )}
              <div>
                <button type="submit" className="btn btn-secondary btn-sm" disabled={drafts[key] === undefined}>
                  Save
                </button>
              </div>
            </form>
          );
        })}
      </div>
    </section>
  );
}
