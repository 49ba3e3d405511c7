import { describe, expect, it } from "vitest";
import { ALERTMANAGER_FLAGS, PROMETHEUS_FLAGS, THANOS_FLAGS, minorOf, unknownFlags, type ThanosCommand } from "../flags";
import { containersOf, renderedTemplates } from "./fixtures";

const cases = renderedTemplates();

/** The Thanos subcommand a container runs (`tools bucket web` spans three args). */
function thanosCommand(args: string[]): ThanosCommand {
  if (args[0] === "tools") return `tools ${args[1]} ${args[2]}` as ThanosCommand;
  return args[0] as ThanosCommand;
}

describe("every flag render emits exists in the release the design names", () => {
  for (const { template, design, cluster, objects } of cases) {
    it(`${template}/${cluster}`, () => {
      const thanos = THANOS_FLAGS[minorOf(design.versions.thanos)];
      const prometheus = PROMETHEUS_FLAGS[minorOf(design.versions.prometheus)];
      const alertmanager = ALERTMANAGER_FLAGS[minorOf(design.versions.alertmanager)];
      expect(thanos, `flag list for Thanos ${design.versions.thanos}`).toBeDefined();
      expect(prometheus, `flag list for Prometheus ${design.versions.prometheus}`).toBeDefined();
      expect(alertmanager, `flag list for Alertmanager ${design.versions.alertmanager}`).toBeDefined();
      let checked = 0;
      for (const o of objects) {
        for (const c of containersOf(o)) {
          const args = c.args ?? [];
          let known: readonly string[] | undefined;
          if (c.image.includes("/thanos:")) known = thanos[thanosCommand(args)];
          else if (c.image.includes("/prometheus:")) known = prometheus;
          else if (c.image.includes("/alertmanager:")) known = alertmanager;
          else continue;
          expect(known, `${o.metadata.name}/${c.name}: command ${args[0]}`).toBeDefined();
          expect(unknownFlags(args, known!), `${o.kind}/${o.metadata.name} container ${c.name}`).toEqual([]);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }

  it("rejects the flags current releases removed (the lists are not a rubber stamp)", () => {
    const v = THANOS_FLAGS["0.42"];
    expect(unknownFlags(["query", "--store=dnssrv+_grpc._tcp.x"], v.query)).toEqual(["store"]);
    expect(unknownFlags(["store", "--experimental.enable-index-header"], v.store)).toEqual(["experimental.enable-index-header"]);
    expect(unknownFlags(["query", "--endpoint=x:10901", "--query.replica-label=a", "--no-query.partial-response"], v.query)).toEqual([]);
    expect(unknownFlags(["--storage.tsdb.min-block-duration=2h", "--web.enable-lifecycle", "--no-such-flag"], PROMETHEUS_FLAGS["3.14"])).toEqual(["no-such-flag"]);
  });
});
