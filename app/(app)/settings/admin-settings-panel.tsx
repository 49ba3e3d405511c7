"use client";
import { useState } from "react";
import { fetchJson } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";

type Settings = Record<string, boolean>;

export function AdminSettingsPanel({
  settings,
  descriptions,
}: {
  settings: Settings;
  descriptions: Record<string, { label: string; help: string }>;
}) {
  const [values, setValues] = useState<Settings>(settings);
  const toast = useToast();

  async function toggle(key: string, value: boolean) {
    const before = values;
    setValues({ ...values, [key]: value });
    try {
      const res = await fetchJson<{ settings: Settings }>("/api/settings", { method: "PUT", body: { [key]: value } });
      setValues(res.settings);
      toast.success(`${descriptions[key]?.label ?? key}: ${value ? "on" : "off"}`, "Setting saved");
    } catch (err) {
      setValues(before);
      toast.error((err as Error).message, "Could not save the setting");
    }
  }

  return (
    <section className="card" aria-labelledby="workspace-title">
      <div className="card-header">
        <div>
          <h2 id="workspace-title">Workspace</h2>
          <p>Rules that apply to everyone.</p>
        </div>
      </div>
      <div className="card-body">
        {Object.entries(values).map(([key, value]) => (
          <label className="checkbox-row" key={key}>
            <input
              type="checkbox"
              className="switch"
              role="switch"
              checked={value}
              onChange={(e) => toggle(key, e.target.checked)}
              data-testid={`setting-${key}`}
            />
            <span>
              <strong style={{ display: "block", fontWeight: 560 }}>{descriptions[key]?.label ?? key}</strong>
              <span className="muted" style={{ fontSize: 13 }}>
                {descriptions[key]?.help}
              </span>
            </span>
          </label>
        ))}
      </div>
    </section>
  );
}
