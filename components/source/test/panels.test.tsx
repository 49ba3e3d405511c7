// @vitest-environment jsdom
// The side panels over both data sources, against the real route handlers and a real SQLite database:
// the browser's fetch is routed to the app's handlers (no HTTP listener, nothing stubbed behind them).
// A share source is read-only and masked; a design source edits, renders unsaved edits and resolves.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { useTestDatabase } from "@/server/db/testing";
import { designService } from "@/server/designs/service";
import { CreateShareBody, createShare } from "@/server/shares/service";
import { shareView } from "@/server/shares/view";
import { userWithSession } from "@/server/shares/test/fixtures";
import { parseDesign, type Design } from "@/lib/topology/design";
import { getTemplate } from "@/lib/topology/templates";
import * as shareRoute from "@/app/api/share/[token]/route";
import * as shareManifestsRoute from "@/app/api/share/[token]/manifests/route";
import * as shareCommentsRoute from "@/app/api/share/[token]/comments/route";
import * as designCommentsRoute from "@/app/api/designs/[id]/comments/route";
import * as designCommentRoute from "@/app/api/designs/[id]/comments/[commentId]/route";
import * as renderRoute from "@/app/api/render/route";
import { EditorStoreContext } from "@/components/canvas/context";
import { Inspector } from "@/components/canvas/Inspector";
import { LintPanel } from "@/components/canvas/LintPanel";
import { ManifestsPanel } from "@/components/canvas/ManifestsPanel";
import { createEditorStore, type EditorStore } from "@/components/canvas/store";
import { CommentsPanel } from "@/components/review/CommentsPanel";
import { ToastProvider } from "@/components/ui/toast";
import type { DesignSource, ShareSource } from "../source";

const SECRET = "AKIA-PANELS-TEST-SECRET";
let cookie = "";
let designId = "";
let token = "";
let saved: Design; // revision 2 as the editor holds it (secrets as stored: masked on read)
let masked: Design; // revision 2 as the share link shows it

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: [RegExp, Record<string, Handler>, string[]][] = [
  [/^\/api\/share\/([^/]+)$/, shareRoute as never, ["token"]],
  [/^\/api\/share\/([^/]+)\/manifests$/, shareManifestsRoute as never, ["token"]],
  [/^\/api\/share\/([^/]+)\/comments$/, shareCommentsRoute as never, ["token"]],
  [/^\/api\/designs\/([^/]+)\/comments$/, designCommentsRoute as never, ["id"]],
  [/^\/api\/designs\/([^/]+)\/comments\/([^/]+)$/, designCommentRoute as never, ["id", "commentId"]],
  [/^\/api\/render$/, renderRoute as never, []],
];

/** The browser's fetch, answered by the app's own route handlers; share calls go without the session. */
async function appFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(String(input), "http://studio.test");
  for (const [re, mod, names] of ROUTES) {
    const m = re.exec(url.pathname);
    if (!m) continue;
    const handler = mod[init.method ?? "GET"];
    if (!handler) return new Response(null, { status: 405 });
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    const headers = new Headers(init.headers);
    headers.set("host", "studio.test");
    headers.set("x-forwarded-for", "203.0.113.9");
    if (!url.pathname.startsWith("/api/share/")) headers.set("cookie", cookie);
    return handler(new Request(url, { method: init.method, headers, body: init.body }), {
      params: Promise.resolve(params),
    });
  }
  throw new Error(`no route for ${url.pathname}`);
}

beforeAll(async () => {
  await useTestDatabase();
  const editor = await userWithSession("editor", "Eve");
  cookie = editor.cookie;
  const svc = designService();
  const doc = parseDesign(getTemplate("sidecar-ha")!.design);
  const withKeys: Design = {
    ...doc,
    components: doc.components.map((c) =>
      c.kind === "objectStore" ? { ...c, settings: { ...c.settings, accessKey: SECRET, secretKey: `${SECRET}-2` } } : c,
    ) as Design["components"],
  };
  designId = (await svc.create({ id: editor.actor.user.id }, { name: "panels", design: withKeys })).id;
  await svc.save({ id: editor.actor.user.id }, designId, { baseRevision: 1, design: withKeys, message: "two" });
  saved = (await svc.getRevision(designId, 2)).design;
  token = (
    await createShare(
      editor.actor,
      designId,
      CreateShareBody.parse({ revision: "latest", allowComments: true }),
      "http://studio.test",
    )
  ).token;
  masked = (await shareView(token)).design;
  vi.stubGlobal("fetch", appFetch);
});
afterAll(() => vi.unstubAllGlobals());
afterEach(cleanup);

const shareSource = (): ShareSource => ({ kind: "share", token, revision: 2, document: masked });
const designSource = (document: Design = saved): DesignSource => ({
  kind: "design",
  designId,
  revision: 2,
  document,
  readOnly: false,
});

function mount(ui: ReactNode, store?: EditorStore) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <ToastProvider>
        {store ? <EditorStoreContext.Provider value={store}>{ui}</EditorStoreContext.Provider> : ui}
      </ToastProvider>
    </QueryClientProvider>,
  );
}

const bucketOf = (d: Design) => d.components.find((c) => c.kind === "objectStore")!;
const promOf = (d: Design) => d.components.find((c) => c.kind === "prometheus")!;

describe("Inspector over a source", () => {
  it("share: the editor's form, every field disabled, the key shown only as set", () => {
    const store = createEditorStore(masked);
    store.getState().select([bucketOf(masked).id]);
    const { container } = mount(<Inspector source={shareSource()} />, store);
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe(bucketOf(masked).name);
    const fields = container.querySelectorAll("input, textarea, select");
    expect(fields.length).toBeGreaterThan(5);
    expect([...fields].filter((f) => !(f as HTMLInputElement).disabled)).toEqual([]);
    expect(screen.getByTestId(`f-${bucketOf(masked).id}-accessKey-state`).textContent).toBe("set");
    expect(screen.queryByRole("button", { name: /clear|delete|reset/i })).toBeNull();
    expect(container.innerHTML).not.toContain(SECRET);
  });

  it("a cluster's deploy binding shows for a design, never for a share link", () => {
    const cluster = masked.components.find((c) => c.kind === "cluster")!;
    const store = createEditorStore(masked);
    store.getState().select([cluster.id]);
    mount(<Inspector source={shareSource()} />, store);
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe(cluster.name);
    expect(screen.queryByTestId("cluster-binding")).toBeNull();
    cleanup();
    mount(<Inspector source={{ ...designSource(), readOnly: true }} />, store);
    expect(screen.getByTestId("cluster-binding")).toBeTruthy();
  });

  it("design: the same form edits the store", () => {
    const store = createEditorStore(saved);
    const prom = promOf(saved);
    store.getState().select([prom.id]);
    mount(<Inspector source={designSource()} />, store);
    const name = document.getElementById(`name-${prom.id}`) as HTMLInputElement;
    expect(name.disabled).toBe(false);
    fireEvent.change(name, { target: { value: "prom-eu" } });
    expect(store.getState().design.components.find((c) => c.id === prom.id)!.name).toBe("prom-eu");
  });

  it("design opened by a viewer is read-only from the source", () => {
    const store = createEditorStore(saved);
    store.getState().select([promOf(saved).id]);
    const { container } = mount(<Inspector source={{ ...designSource(), readOnly: true }} />, store);
    expect((document.getElementById(`name-${promOf(saved).id}`) as HTMLInputElement).disabled).toBe(true);
    expect(
      [...container.querySelectorAll("input, textarea, select")].every((f) => (f as HTMLInputElement).disabled),
    ).toBe(true);
  });
});

describe("LintPanel over a source", () => {
  it("lists the same findings for the share and the design of one revision; a click picks the finding", () => {
    const bad: Design = {
      ...saved,
      components: saved.components.map((c) =>
        c.kind === "prometheus" ? { ...c, settings: { ...c.settings, replicas: 1 } } : c,
      ) as Design["components"],
    };
    const onPick = vi.fn();
    const a = mount(<LintPanel source={designSource(bad)} onPick={onPick} />);
    const designRules = [...a.container.querySelectorAll("[data-rule]")].map((b) => b.getAttribute("data-rule"));
    expect(designRules.length).toBeGreaterThan(0);
    fireEvent.click(a.container.querySelector("[data-rule]")!);
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ rule: designRules[0] }));
    cleanup();
    const b = mount(
      <LintPanel
        source={{
          ...shareSource(),
          document: {
            ...masked,
            components: bad.components.map((c) => (c.kind === "objectStore" ? bucketOf(masked) : c)),
          },
        }}
        onPick={() => {}}
      />,
    );
    expect([...b.container.querySelectorAll("[data-rule]")].map((x) => x.getAttribute("data-rule"))).toEqual(
      designRules,
    );
  });
});

describe("ManifestsPanel over a source", () => {
  it("share: the stored revision's YAML per cluster, key masked", async () => {
    mount(<ManifestsPanel source={shareSource()} />);
    const yaml = await screen.findByTestId("manifests-yaml", {}, { timeout: 10_000 });
    expect(yaml.textContent).toContain("kind: StatefulSet");
    expect(yaml.textContent).toContain("********");
    expect(yaml.textContent).not.toContain(SECRET);
    // The tree lists the shown cluster's objects by kind; the bar counts them.
    const count = yaml.textContent!.match(/^kind: /gm)!.length;
    expect(screen.getByText(new RegExp(`· ${count} objects`))).toBeTruthy();
    expect(screen.getAllByTestId("manifest-object")).toHaveLength(count);
  });

  it("the tree filters objects, and picking one marks its lines in the YAML", async () => {
    mount(<ManifestsPanel source={shareSource()} />);
    await screen.findByTestId("manifests-yaml", {}, { timeout: 10_000 });
    fireEvent.change(screen.getByTestId("manifests-filter"), { target: { value: "statefulset" } });
    const rows = await screen.findAllByTestId("manifest-object");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(8);
    const [first] = rows;
    fireEvent.click(first);
    expect(first.getAttribute("aria-current")).toBe("true");
    expect(screen.getByTestId("manifests-mark")).toBeTruthy();
    expect(screen.getByText(new RegExp(`StatefulSet ${first.textContent}`))).toBeTruthy();
    fireEvent.change(screen.getByTestId("manifests-filter"), { target: { value: "no-such-object" } });
    expect(screen.getByText("0 objects match")).toBeTruthy();
    expect(screen.queryAllByTestId("manifest-object")).toHaveLength(0);
  });

  it("design: renders the unsaved document in memory", async () => {
    const edited: Design = {
      ...saved,
      components: saved.components.map((c) =>
        c.kind === "prometheus" ? { ...c, settings: { ...c.settings, retention: "7h" } } : c,
      ) as Design["components"],
    };
    mount(<ManifestsPanel source={designSource(edited)} />);
    const yaml = await screen.findByTestId("manifests-yaml", {}, { timeout: 10_000 });
    expect(yaml.textContent).toContain("--storage.tsdb.retention.time=7h");
    expect(yaml.textContent).not.toContain(SECRET);
    // Rendered under the design's id, as deploy labels the objects; never a slug of the name.
    expect(yaml.textContent).toContain(`topology-studio.dev/design: ${designId}`);
    expect(yaml.textContent).not.toContain("topology-studio.dev/design: panels\n");
  });
});

describe("CommentsPanel over a source", () => {
  it("share: a guest names themself and posts on the selected component; nobody resolves", async () => {
    localStorage.clear();
    const bucket = bucketOf(masked);
    mount(<CommentsPanel source={shareSource()} selectedComponentId={bucket.id} pollMs={60_000} />);
    await screen.findByText("No comments yet.");
    fireEvent.change(screen.getByLabelText("New comment"), { target: { value: "Who rotates this key?" } });
    fireEvent.click(screen.getByTestId("post-comment"));
    // No name yet: refused, nothing posted.
    await screen.findByText(/Give your name/);
    fireEvent.change(screen.getByLabelText("Your name"), { target: { value: "Gina Guest" } });
    await act(async () => fireEvent.click(screen.getByTestId("post-comment")));
    const thread = await screen.findByTestId("comment-thread");
    expect(thread.textContent).toContain("Who rotates this key?");
    expect(thread.textContent).toContain("Gina Guest");
    expect(thread.textContent).toContain(bucket.name);
    expect(within(thread).queryByRole("button", { name: "Resolve" })).toBeNull();
    expect(localStorage.getItem("topology-studio.review-name")).toBe("Gina Guest");
  });

  it("design: the signed-in editor sees the guest's thread and resolves it", async () => {
    mount(<CommentsPanel source={designSource()} canResolve pollMs={60_000} />);
    const thread = await screen.findByTestId("comment-thread");
    expect(thread.textContent).toContain("guest");
    expect(screen.queryByLabelText("Your name")).toBeNull();
    await act(async () => fireEvent.click(within(thread).getByRole("button", { name: "Resolve" })));
    await waitFor(() => expect(screen.queryByTestId("comment-thread")).toBeNull());
    expect(screen.getByText("Nothing to show with these filters.")).toBeTruthy();
  });
});
