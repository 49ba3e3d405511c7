"use client";
import { memo, useId, useState } from "react";
import dynamic from "next/dynamic";
import { Minus, Plus } from "lucide-react";
import { SECRET_MASK } from "@/lib/topology/primitives";
import { FORMAT_HINT, emptyValue, formFieldId, humanize, setIn, unionVariant, type FieldSpec } from "./schema-form";

type Path = (string | number)[];

// CodeMirror and the PromQL grammar load only when a rule expression is on screen.
const PromqlEditor = dynamic(() => import("./PromqlEditor"), {
  ssr: false,
  loading: () => <div className="tc-promql tc-promql-loading" aria-busy="true" />,
});

export interface FormProps {
  spec: Extract<FieldSpec, { type: "object" }>;
  value: Record<string, unknown>;
  /** Called with the whole new value and the path edited (for merging keystrokes into one undo step). */
  onChange(next: Record<string, unknown>, path: string): void;
  errors: Map<string, string>;
  readOnly?: boolean;
  /** Dotted paths of write-only secrets. */
  secretPaths?: readonly string[];
  /** Top-level keys to leave out (managed elsewhere, e.g. cluster size by resizing). */
  hidden?: readonly string[];
  idPrefix?: string;
}

/** A form for a settings object, derived from its schema: one row per field, nested groups collapsible. */
export const SettingsForm = memo(function SettingsForm({
  spec,
  value,
  onChange,
  errors,
  readOnly,
  secretPaths = [],
  hidden = [],
  idPrefix,
}: FormProps) {
  const auto = useId();
  const ctx: Ctx = { root: value, onChange, errors, readOnly: !!readOnly, secretPaths, idPrefix: idPrefix ?? auto };
  const fields = spec.fields.filter((f) => !hidden.includes(f.key));
  // Scalars first so the common settings are visible without scrolling; groups and lists follow.
  const scalar = fields.filter((f) => !isGroup(f.spec));
  const groups = fields.filter((f) => isGroup(f.spec));
  return (
    <div className="tc-form">
      {[...scalar, ...groups].map((f) => (
        <Field key={f.key} ctx={ctx} spec={f.spec} path={[f.key]} label={humanize(f.key)} value={value?.[f.key]} />
      ))}
    </div>
  );
});

interface Ctx {
  root: Record<string, unknown>;
  onChange(next: Record<string, unknown>, path: string): void;
  errors: Map<string, string>;
  readOnly: boolean;
  secretPaths: readonly string[];
  idPrefix: string;
}

function isGroup(spec: FieldSpec) {
  return spec.type === "object" || spec.type === "array" || spec.type === "record" || spec.type === "union";
}

function hasErrorUnder(errors: Map<string, string>, path: string) {
  for (const k of errors.keys()) if (k === path || k.startsWith(path + ".")) return true;
  return false;
}

function fieldId(ctx: Ctx, path: Path) {
  return formFieldId(ctx.idPrefix, path);
}

function Field({
  ctx,
  spec,
  path,
  label,
  value,
}: {
  ctx: Ctx;
  spec: FieldSpec;
  path: Path;
  label: string;
  value: unknown;
}) {
  const dotted = path.join(".");
  const set = (v: unknown) => ctx.onChange(setIn(ctx.root, path, v) as Record<string, unknown>, dotted);
  const error = ctx.errors.get(dotted);
  const id = fieldId(ctx, path);
  const isSecret = ctx.secretPaths.includes(dotted) || spec.type === "secret";

  if (isSecret)
    return <SecretField id={id} label={label} value={value} onSet={set} readOnly={ctx.readOnly} error={error} />;

  switch (spec.type) {
    case "object":
      return (
        <Group label={label} path={dotted} ctx={ctx} description={spec.description}>
          {value === undefined && spec.optional && spec.defaultValue === undefined ? (
            <button
              type="button"
              className="tc-link-button"
              disabled={ctx.readOnly}
              onClick={() => set(emptyValue({ ...spec, optional: false }))}
            >
              <Plus size={14} aria-hidden /> Add {label.toLowerCase()}
            </button>
          ) : (
            <>
              {spec.fields.map((f) => (
                <Field
                  key={f.key}
                  ctx={ctx}
                  spec={f.spec}
                  path={[...path, f.key]}
                  label={humanize(f.key)}
                  value={(value as Record<string, unknown> | undefined)?.[f.key]}
                />
              ))}
              {spec.optional && spec.defaultValue === undefined && !ctx.readOnly && (
                <button type="button" className="tc-link-button" onClick={() => set(undefined)}>
                  <Minus size={14} aria-hidden /> Remove {label.toLowerCase()}
                </button>
              )}
            </>
          )}
        </Group>
      );
    case "array":
      return (
        <ListField
          ctx={ctx}
          spec={spec}
          path={path}
          label={label}
          value={Array.isArray(value) ? value : []}
          set={set}
          error={error}
        />
      );
    case "record":
      return (
        <RecordField
          ctx={ctx}
          path={path}
          label={label}
          value={(value as Record<string, unknown>) ?? {}}
          set={set}
          spec={spec}
        />
      );
    case "union": {
      const i = unionVariant(spec, value);
      const variant = spec.variants[i].spec;
      return (
        <div className="tc-union">
          <div className="tc-row">
            <label htmlFor={id}>{label} type</label>
            <select
              id={id}
              value={i}
              disabled={ctx.readOnly}
              onChange={(e) => set(emptyValue(spec.variants[Number(e.target.value)].spec))}
            >
              {spec.variants.map((v, j) => (
                <option key={j} value={j}>
                  {v.label}
                </option>
              ))}
            </select>
          </div>
          {variant.type === "object"
            ? variant.fields.map((f) => (
                <Field
                  key={f.key}
                  ctx={ctx}
                  spec={f.spec}
                  path={[...path, f.key]}
                  label={humanize(f.key)}
                  value={(value as Record<string, unknown> | undefined)?.[f.key]}
                />
              ))
            : null}
        </div>
      );
    }
    default:
      return <ScalarRow ctx={ctx} spec={spec} id={id} label={label} value={value} set={set} error={error} />;
  }
}

function Group({
  label,
  path,
  ctx,
  description,
  children,
}: {
  label: string;
  path: string;
  ctx: Ctx;
  description?: string;
  children: React.ReactNode;
}) {
  const open = hasErrorUnder(ctx.errors, path);
  return (
    <details className="tc-group" open={open || undefined}>
      <summary>
        {label}
        {open && <span className="tc-dot-error" aria-label="has errors" />}
      </summary>
      {description && <p className="tc-help">{description}</p>}
      <div className="tc-group-body">{children}</div>
    </details>
  );
}

function ScalarRow({
  ctx,
  spec,
  id,
  label,
  value,
  set,
  error,
}: {
  ctx: Ctx;
  spec: FieldSpec;
  id: string;
  label: string;
  value: unknown;
  set(v: unknown): void;
  error?: string;
}) {
  const errId = `${id}-error`;
  const hint = spec.type === "string" ? FORMAT_HINT[spec.format] : undefined;
  const def = spec.defaultValue;
  const isDefault = def !== undefined && value !== undefined && JSON.stringify(def) === JSON.stringify(value);
  const common = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errId : undefined,
    disabled: ctx.readOnly,
  } as const;
  let control: React.ReactNode;
  switch (spec.type) {
    case "boolean":
      control = (
        <label className="tc-switch">
          <input
            type="checkbox"
            role="switch"
            {...common}
            checked={value === undefined ? def === true : value === true}
            onChange={(e) => set(e.target.checked)}
          />
          <span className="tc-switch-track" aria-hidden />
        </label>
      );
      break;
    case "enum":
      control = (
        <select
          {...common}
          value={value === undefined ? String(def ?? "") : String(value)}
          onChange={(e) => set(e.target.value === "" ? undefined : e.target.value)}
        >
          {spec.optional && def === undefined && <option value="">—</option>}
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
              {o === def ? " (default)" : ""}
            </option>
          ))}
        </select>
      );
      break;
    case "number":
      control = (
        <input
          {...common}
          type="number"
          inputMode={spec.int ? "numeric" : "decimal"}
          min={spec.min}
          max={spec.max}
          step={spec.int ? 1 : "any"}
          value={typeof value === "number" && Number.isFinite(value) ? value : ""}
          placeholder={def !== undefined ? String(def) : undefined}
          onChange={(e) => set(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      );
      break;
    case "string":
      if (spec.format === "promql") {
        control = (
          <PromqlEditor
            id={id}
            value={typeof value === "string" ? value : ""}
            onChange={(v) => set(v)}
            readOnly={ctx.readOnly}
            invalid={!!error}
            describedBy={error ? errId : undefined}
          />
        );
        break;
      }
      control = (
        <input
          {...common}
          type={spec.format === "url" ? "url" : "text"}
          spellCheck={false}
          autoComplete="off"
          value={typeof value === "string" ? value : ""}
          placeholder={def !== undefined ? String(def) : hint?.placeholder}
          onChange={(e) =>
            set(e.target.value === "" && (spec.optional || def !== undefined) ? undefined : e.target.value)
          }
        />
      );
      break;
    default:
      control = <code className="tc-muted">{JSON.stringify(value)}</code>;
  }
  const showDefault = def !== undefined && typeof def !== "object";
  return (
    <div className={`tc-row${error ? " tc-row-invalid" : ""}`}>
      <div className="tc-label-row">
        <label htmlFor={id}>{label}</label>
        {showDefault &&
          (isDefault || value === undefined ? (
            <span className="tc-default-tag">default</span>
          ) : (
            !ctx.readOnly && (
              <button
                type="button"
                className="tc-reset"
                onClick={() => set(undefined)}
                title={`Reset to the default (${String(def)})`}
              >
                reset to {String(def)}
              </button>
            )
          ))}
      </div>
      <div className="tc-control">
        {control}
        {hint?.unit && <span className="tc-unit">{hint.unit}</span>}
      </div>
      {spec.description && <p className="tc-help">{spec.description}</p>}
      {error && (
        <p className="tc-error" id={errId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Write-only: shows whether a value is set, never the value; typing replaces it, Clear removes it. */
function SecretField({
  id,
  label,
  value,
  onSet,
  readOnly,
  error,
}: {
  id: string;
  label: string;
  value: unknown;
  onSet(v: unknown): void;
  readOnly: boolean;
  error?: string;
}) {
  const [draft, setDraft] = useState("");
  const isSet = typeof value === "string" && value !== "";
  return (
    <div className="tc-row">
      <label htmlFor={id}>{label}</label>
      <div className="tc-control">
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          disabled={readOnly}
          value={draft}
          placeholder={isSet ? "•••••••• (unchanged)" : "not set"}
          onChange={(e) => {
            setDraft(e.target.value);
            onSet(e.target.value === "" ? (isSet && value === SECRET_MASK ? SECRET_MASK : undefined) : e.target.value);
          }}
        />
        <span className={`tc-secret-state ${isSet ? "is-set" : ""}`} data-testid={`${id}-state`}>
          {isSet ? "set" : "not set"}
        </span>
        {isSet && !readOnly && (
          <button
            type="button"
            className="tc-link-button"
            onClick={() => {
              setDraft("");
              onSet(undefined);
            }}
          >
            Clear
          </button>
        )}
      </div>
      <p className="tc-help">Write-only: stored encrypted, never shown again.</p>
      {error && (
        <p className="tc-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ListField({
  ctx,
  spec,
  path,
  label,
  value,
  set,
  error,
}: {
  ctx: Ctx;
  spec: Extract<FieldSpec, { type: "array" }>;
  path: Path;
  label: string;
  value: unknown[];
  set(v: unknown): void;
  error?: string;
}) {
  const scalarItems = !isGroup(spec.item);
  const itemNoun = label.replace(/s$/, "").toLowerCase();
  const body = (
    <>
      {value.length === 0 && (
        <p className="tc-help">
          None
          {spec.defaultValue !== undefined && JSON.stringify(spec.defaultValue) !== "[]"
            ? ` (default: ${summarize(spec.defaultValue)})`
            : ""}
          .
        </p>
      )}
      <ul className={scalarItems ? "tc-list tc-list-scalar" : "tc-list"}>
        {value.map((item, i) => (
          <li key={i}>
            {scalarItems ? (
              <ScalarItem ctx={ctx} spec={spec.item} path={[...path, i]} value={item} label={`${label} ${i + 1}`} />
            ) : (
              <fieldset className="tc-item">
                <legend>{itemTitle(item, itemNoun, i)}</legend>
                <Field
                  ctx={ctx}
                  spec={spec.item}
                  path={[...path, i]}
                  label={`${humanize(itemNoun)} ${i + 1}`}
                  value={item}
                />
              </fieldset>
            )}
            {!ctx.readOnly && (
              <button
                type="button"
                className="tc-icon-button"
                aria-label={`Remove ${itemNoun} ${i + 1}`}
                onClick={() => set(value.filter((_, j) => j !== i))}
              >
                <Minus size={14} aria-hidden />
              </button>
            )}
          </li>
        ))}
      </ul>
      {!ctx.readOnly && (
        <button type="button" className="tc-link-button" onClick={() => set([...value, emptyValue(spec.item)])}>
          <Plus size={14} aria-hidden /> Add {itemNoun}
        </button>
      )}
      {error && (
        <p className="tc-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
  return (
    <Group label={`${label} (${value.length})`} path={path.join(".")} ctx={ctx} description={spec.description}>
      {body}
    </Group>
  );
}

function ScalarItem({
  ctx,
  spec,
  path,
  value,
  label,
}: {
  ctx: Ctx;
  spec: FieldSpec;
  path: Path;
  value: unknown;
  label: string;
}) {
  const dotted = path.join(".");
  const error = ctx.errors.get(dotted);
  const set = (v: unknown) => ctx.onChange(setIn(ctx.root, path, v ?? "") as Record<string, unknown>, dotted);
  const hint = spec.type === "string" ? FORMAT_HINT[spec.format] : undefined;
  return (
    <div className="tc-item-scalar">
      <input
        aria-label={label}
        aria-invalid={error ? true : undefined}
        disabled={ctx.readOnly}
        value={String(value ?? "")}
        placeholder={hint?.placeholder}
        spellCheck={false}
        onChange={(e) => set(spec.type === "number" ? Number(e.target.value) : e.target.value)}
      />
      {error && (
        <p className="tc-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function RecordField({
  ctx,
  path,
  label,
  value,
  set,
  spec,
}: {
  ctx: Ctx;
  path: Path;
  label: string;
  value: Record<string, unknown>;
  set(v: unknown): void;
  spec: Extract<FieldSpec, { type: "record" }>;
}) {
  const entries = Object.entries(value);
  const dotted = path.join(".");
  const rename = (from: string, to: string) => {
    // Keep entry order while renaming a key.
    const next: Record<string, unknown> = {};
    for (const [k, v] of entries) next[k === from ? to : k] = v;
    set(next);
  };
  const nextKey = () => {
    for (let i = entries.length + 1; ; i++) if (!(`key${i}` in value)) return `key${i}`;
  };
  return (
    <Group label={`${label} (${entries.length})`} path={dotted} ctx={ctx} description={spec.description}>
      {entries.length === 0 && <p className="tc-help">None.</p>}
      <ul className="tc-list tc-kv">
        {entries.map(([k, v], i) => {
          const keyError = ctx.errors.get(`${dotted}.${k}`);
          return (
            <li key={i}>
              <input
                aria-label={`${label} key ${i + 1}`}
                aria-invalid={keyError ? true : undefined}
                disabled={ctx.readOnly}
                value={k}
                spellCheck={false}
                onChange={(e) => rename(k, e.target.value)}
              />
              <span aria-hidden>=</span>
              <input
                aria-label={`${label} value ${i + 1}`}
                disabled={ctx.readOnly}
                value={String(v ?? "")}
                spellCheck={false}
                onChange={(e) => set({ ...value, [k]: e.target.value })}
              />
              {!ctx.readOnly && (
                <button
                  type="button"
                  className="tc-icon-button"
                  aria-label={`Remove ${label.toLowerCase()} ${k}`}
                  onClick={() => set(Object.fromEntries(entries.filter(([x]) => x !== k)))}
                >
                  <Minus size={14} aria-hidden />
                </button>
              )}
              {keyError && (
                <p className="tc-error" role="alert">
                  {k}: {keyError === "Invalid key in record" ? "not a valid label name" : keyError}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {!ctx.readOnly && (
        <button type="button" className="tc-link-button" onClick={() => set({ ...value, [nextKey()]: "" })}>
          <Plus size={14} aria-hidden /> Add entry
        </button>
      )}
    </Group>
  );
}

function itemTitle(item: unknown, noun: string, i: number) {
  if (item && typeof item === "object") {
    const o = item as Record<string, unknown>;
    const name = o.name ?? o.alert ?? o.record;
    if (typeof name === "string" && name) return name;
  }
  return `${humanize(noun)} ${i + 1}`;
}

function summarize(v: unknown) {
  if (Array.isArray(v))
    return v
      .map((x) => (typeof x === "object" && x && "name" in x ? String((x as { name: unknown }).name) : String(x)))
      .join(", ");
  return String(v);
}
