import { sizeDesign, sizingContract, type SizingReport } from "@/lib/topology/sizing";
import { formatBytes } from "@/lib/topology/sizing/units";
import { loadDesign, type Io } from "./topo";

/** `topo size <design.json | template> [--json]`: the capacity plan, as text or as the API's JSON. */
export async function cmdSize(p: { positional: string[]; flags: Map<string, string | true> }, io: Io): Promise<number> {
  const unknown = [...p.flags.keys()].filter((f) => f !== "--json");
  const [ref, ...rest] = p.positional;
  if (unknown.length > 0 || !ref || rest.length > 0) {
    io.err.write(
      `topo size: ${unknown.length ? `unknown option ${unknown[0]}` : "size takes one design file or template name"}\n` +
        "usage: topo size <design.json | template> [--json]\n",
    );
    return 2;
  }
  const { design, source } = await loadDesign(ref, io.cwd);
  const report = sizeDesign(design);
  io.out.write(
    p.flags.has("--json") ? `${JSON.stringify(sizingContract(report), null, 2)}\n` : sizingText(report, source),
  );
  return 0;
}

function sizingText(r: SizingReport, source: string): string {
  const rows = r.components.map((c) =>
    c.estimate && c.suggested
      ? [
          c.name,
          c.kind,
          String(c.pods),
          c.suggested.cpu,
          `${c.suggested.memoryRequest}/${c.suggested.memoryLimit}`,
          c.suggested.storage ?? "-",
        ]
      : [c.name, c.kind, String(c.pods), "-", "-", "-", c.notSized ?? ""],
  );
  const head = ["COMPONENT", "KIND", "PODS", "CPU", "MEMORY req/limit", "VOLUME"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((x, i) => (i < widths.length ? x.padEnd(widths[i]) : x))
      .join("  ")
      .trimEnd();
  let out = `${line(head)}\n${rows.map(line).join("\n")}\n`;
  for (const c of r.components)
    for (const f of c.findings)
      out += `${f.severity.padEnd(7)} ${f.id} ${c.name}: ${f.message}\n        hint: ${f.hint}\n`;
  for (const b of r.bucket) {
    if (!b.bytesByResolution) {
      out += `bucket ${b.name}: ${b.notSized}\n`;
      continue;
    }
    const res = b.bytesByResolution;
    out += `bucket ${b.name}: raw ${formatBytes(res.raw)}, 5m ${formatBytes(res["5m"])}, 1h ${formatBytes(res["1h"])}; grows ${formatBytes(b.monthlyGrowthBytes ?? 0)}/month`;
    out += b.monthlyCost !== undefined ? `; ${b.monthlyCost.toFixed(2)} per month\n` : "\n";
    if (b.excludes) out += `        excludes ${b.excludes.join(", ")} (no load model)\n`;
  }
  const sized = r.components.filter((c) => c.estimate).length;
  return `${out}${source}: ${sized} of ${r.components.length} components sized\n`;
}
