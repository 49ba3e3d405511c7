"use client";
import "./designs.css";
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueries, useQuery } from "@tanstack/react-query";
import { FilePlus2, FileInput } from "lucide-react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { validateDesign } from "@/lib/topology/design";
import { designsApi } from "./api";
import { DesignThumbnail } from "./DesignThumbnail";
import { ImportDesign } from "./ImportDesign";
import { plural } from "@/lib/text/plural";

const BLANK = "__blank__";
const IMPORT = "__import__";

/** Create a design: a name and a starting point (blank canvas or one of the templates, each with a miniature). */
export function NewDesign() {
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState("");
  const [choice, setChoice] = useState<string>(BLANK);
  const templates = useQuery({ queryKey: ["templates"], queryFn: designsApi.templates });
  const designs = useQueries({
    queries: (templates.data ?? []).map((t) => ({
      queryKey: ["template", t.name],
      queryFn: () => designsApi.template(t.name),
      staleTime: Infinity,
    })),
  });
  const parsed = useMemo(() => designs.map((d) => (d.data ? validateDesign(d.data) : null)), [designs]);

  const create = useMutation({
    mutationFn: () => {
      const n =
        name.trim() ||
        (choice === BLANK ? "Untitled design" : (templates.data?.find((t) => t.name === choice)?.title ?? choice));
      return choice === BLANK
        ? designsApi.create({ name: n, design: { name: n, components: [], connections: [] } })
        : designsApi.create({ name: n, template: choice });
    },
    // The server stores revision 1 laid out, so the editor opens it as it is: saved, no second revision.
    onSuccess: (r) => router.push(`/designs/${r.id}`),
    onError: (e: Error) => toast.error(e.message, "Could not create the design"),
  });

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>New design</h1>
          <p>Name it and pick a starting point. Templates follow the Thanos reference architectures.</p>
        </div>
      </div>
      <form
        className="ds-new"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice !== IMPORT) create.mutate();
        }}
      >
        <div className="ds-new-name">
          <Input
            label="Design name"
            placeholder={choice === BLANK ? "Untitled design" : "e.g. Production monitoring"}
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </div>
        <fieldset className="ds-gallery">
          <legend>Start from</legend>
          <label className={`ds-template ${choice === BLANK ? "is-selected" : ""}`}>
            <input
              type="radio"
              name="template"
              value={BLANK}
              checked={choice === BLANK}
              onChange={() => setChoice(BLANK)}
            />
            <div className="ds-thumb ds-thumb-blank" aria-hidden>
              <FilePlus2 size={30} strokeWidth={1.5} />
            </div>
            <strong>Blank canvas</strong>
            <span className="muted">Start empty and drag components from the palette.</span>
          </label>
          <label className={`ds-template ${choice === IMPORT ? "is-selected" : ""}`} data-testid="import-card">
            <input
              type="radio"
              name="template"
              value={IMPORT}
              checked={choice === IMPORT}
              onChange={() => setChoice(IMPORT)}
            />
            <div className="ds-thumb ds-thumb-blank" aria-hidden>
              <FileInput size={30} strokeWidth={1.5} />
            </div>
            <strong>Import</strong>
            <span className="muted">From manifests, a Helm release or what runs in a registered cluster.</span>
          </label>
          {templates.data?.map((t, i) => {
            const p = parsed[i];
            return (
              <label
                key={t.name}
                className={`ds-template ${choice === t.name ? "is-selected" : ""}`}
                data-template={t.name}
              >
                <input
                  type="radio"
                  name="template"
                  value={t.name}
                  checked={choice === t.name}
                  onChange={() => setChoice(t.name)}
                />
                {p?.ok ? (
                  <DesignThumbnail design={p.design} width={260} height={130} />
                ) : (
                  <div className="ds-thumb ds-thumb-loading" aria-hidden />
                )}
                <strong>{t.title}</strong>
                <span className="muted">{t.description}</span>
                <span className="faint ds-count">{plural(t.componentCount, "component")}</span>
              </label>
            );
          })}
          {templates.isPending && <p className="muted">Loading templates…</p>}
          {templates.isError && (
            <p className="alert alert-danger">Could not load templates: {templates.error.message}</p>
          )}
        </fieldset>
        {choice !== IMPORT && (
          <div className="ds-new-actions">
            <ButtonLink href="/designs">Cancel</ButtonLink>
            <Button type="submit" variant="primary" loading={create.isPending}>
              Create design
            </Button>
          </div>
        )}
      </form>
      {choice === IMPORT && <ImportDesign name={name} />}
    </div>
  );
}
