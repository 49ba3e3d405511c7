import { describe, expect, it } from "vitest";
import { withReceiver } from "@/lib/topology/test/lint-fixtures";
import { render } from "@/server/render";

const receiverArgs = (algorithm?: "hashmod" | "ketama") => {
  const d = withReceiver()
    .set("rcv", algorithm ? { hashringAlgorithm: algorithm } : {})
    .done();
  const sts = render(d, "prod").find((o) => o.kind === "StatefulSet" && o.metadata.name === "thanos-receive")!;
  const spec = sts.spec as { template: { spec: { containers: { args: string[] }[] } } };
  return spec.template.spec.containers[0].args;
};

describe("receiver --receive.hashrings-algorithm", () => {
  it("renders ketama when the design asks for it", () => {
    expect(receiverArgs("ketama")).toContain("--receive.hashrings-algorithm=ketama");
  });
  it("leaves Thanos's hashmod default implicit, so existing rings keep their series placement", () => {
    expect(receiverArgs().some((a) => a.startsWith("--receive.hashrings-algorithm"))).toBe(false);
    expect(receiverArgs("hashmod").some((a) => a.startsWith("--receive.hashrings-algorithm"))).toBe(false);
  });
});
