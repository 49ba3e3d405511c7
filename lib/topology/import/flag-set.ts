import type { Flag } from "./objects";

/**
 * The flags of one container, consumed as the importer reads them. What is left over at the end is what the
 * model has no field for: it becomes the component's `extraArgs`, which render emits again.
 */
export class FlagSet {
  private readonly used = new Set<number>();

  constructor(readonly flags: Flag[]) {}

  /** Every value of a repeatable flag (first name that is present wins among aliases). */
  all(...names: string[]): string[] {
    const out: string[] = [];
    this.flags.forEach((f, i) => {
      if (names.includes(f.name)) {
        this.used.add(i);
        if (f.value !== undefined) out.push(f.value);
      }
    });
    return out;
  }

  /** The last value of a flag (kingpin keeps the last). */
  one(...names: string[]): string | undefined {
    const v = this.all(...names);
    return v[v.length - 1];
  }

  /** A boolean flag: true when present as `--x` or `--x=true`, false for `--no-x` or `--x=false`. */
  bool(name: string): boolean | undefined {
    let out: boolean | undefined;
    this.flags.forEach((f, i) => {
      if (f.name === name) {
        this.used.add(i);
        out = f.value === undefined || f.value === "true";
      } else if (f.name === `no-${name}`) {
        this.used.add(i);
        out = false;
      }
    });
    return out;
  }

  /** Flags whose value the design fixes (addresses, paths): understood, render writes its own. */
  fixed(...names: string[]): void {
    this.all(...names);
  }

  /** A flag render always writes with `value`: consumed when equal, left as an extra argument otherwise. */
  expect(name: string, value: string | undefined): void {
    this.flags.forEach((f, i) => {
      if (f.name === name && f.value === value) this.used.add(i);
    });
  }

  rest(): string[] {
    return this.flags.filter((_, i) => !this.used.has(i)).map((f) => f.raw);
  }
}

/** Flags every Thanos component takes that render sets itself (listen addresses, log format, tracing off). */
export const THANOS_FIXED = [
  "grpc-address",
  "http-address",
  "log.format",
  "data-dir",
  "tsdb.path",
  "objstore.config-file",
  "objstore.config",
];

/** `--label=name="value"` → [name, value] (Thanos quotes the value). */
export function labelFlag(v: string): [string, string] | null {
  const m = /^([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/.exec(v);
  if (!m) return null;
  let value = m[2];
  if (/^".*"$/.test(value)) {
    try {
      value = JSON.parse(value) as string;
    } catch {
      value = value.slice(1, -1);
    }
  }
  return [m[1], value];
}

/** A pod-name reference in a label value: `$(NAME)`, `$(POD_NAME)`, `${POD_NAME}`. */
export const isPodNameRef = (v: string) => /\$[({]\w*NAME[)}]/.test(v);
