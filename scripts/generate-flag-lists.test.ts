import { describe, expect, it } from "vitest";
import {
  parseAlertmanagerMain,
  parseKingpinHelp,
  parsePrometheusFeatures,
  parsePrometheusTable,
} from "./generate-flag-lists";

// Synthetic excerpts in the formats the releases' docs use (not copies of them).
const NEW_KINGPIN = [
  '```$ mdox-exec="thanos query --help"',
  "usage: thanos query [<flags>]",
  "",
  "Flags:",
  "  -h, --[no-]help                Show context-sensitive help.",
  "      --[no-]version             Show application version.",
  "      --endpoint=<endpoint> ...  Addresses of Thanos API servers. Use with",
  "                                 --query.replica-label to deduplicate.",
  "      --[no-]query.partial-response",
  "                                 Enable partial response;",
  "                                 --no-query.partial-response for disabling.",
  "      --prometheus.get_config_interval=30s",
  "```",
  "usage: thanos query-frontend [<flags>]",
  "      --other=x",
  "```",
].join("\n");

const OLD_KINGPIN = [
  "usage: thanos compact [<flags>]",
  "",
  "Flags:",
  "  -h, --help                     Show context-sensitive help.",
  "      --wait                     Do not exit after all compactions have been",
  "                                 processed; see --wait-interval.",
  "      --wait-interval=5m         Wait interval.",
  "```",
].join("\n");

describe("flag list generator", () => {
  it("reads one command's --help block: [no-] booleans, old-style booleans, no wrapped descriptions", () => {
    expect(parseKingpinHelp(NEW_KINGPIN, "thanos query")).toEqual([
      "endpoint",
      "no-query.partial-response",
      "prometheus.get_config_interval",
      "query.partial-response",
    ]);
    // Old kingpin prints a boolean without [no-] and without =VALUE; it accepts --no-wait all the same.
    expect(parseKingpinHelp(OLD_KINGPIN, "thanos compact")).toEqual(["no-wait", "wait", "wait-interval"]);
    expect(() => parseKingpinHelp(OLD_KINGPIN, "thanos store")).toThrow(/no "usage: thanos store"/);
  });

  it("reads Prometheus's flag table (booleans by their default) plus the hidden block-duration flags", () => {
    const table = [
      "| Flag | Description | Default |",
      "| --- | --- | --- |",
      '| <code class="text-nowrap">-h</code>, <code class="text-nowrap">--help</code> | Help. |  |',
      '| <code class="text-nowrap">--config.file</code> | Configuration file path. | `prometheus.yml` |',
      '| <code class="text-nowrap">--web.enable-lifecycle</code> | Enable shutdown and reload. | `false` |',
    ].join("\n");
    expect(parsePrometheusTable(table)).toEqual([
      "config.file",
      "no-web.enable-lifecycle",
      "storage.tsdb.max-block-duration",
      "storage.tsdb.min-block-duration",
      "web.enable-lifecycle",
    ]);
    expect(parsePrometheusFeatures("Use `--enable-feature=expand-external-labels`. Or --enable-feature=x-y.")).toEqual([
      "expand-external-labels",
      "x-y",
    ]);
  });

  it("reads Alertmanager's kingpin definitions across lines, plus its libraries' flags", () => {
    const main = [
      '  configFile = kingpin.Flag("config.file", "File.").Default("alertmanager.yml").String()',
      '  ratio = kingpin.Flag("auto-gomemlimit.ratio", "Ratio.").',
      '    Default("0.9").Float64()',
      '  quiet = kingpin.Flag("log.silences", "Log silences.").Bool()',
      '  webConfig = webflag.AddFlags(kingpin.CommandLine, ":9093")',
      "  promslogflag.AddFlags(kingpin.CommandLine, &cfg)",
      ")",
    ].join("\n");
    expect(parseAlertmanagerMain(main)).toEqual([
      "auto-gomemlimit.ratio",
      "config.file",
      "log.format",
      "log.level",
      "log.silences",
      "no-log.silences",
      "no-web.systemd-socket",
      "web.config.file",
      "web.listen-address",
      "web.systemd-socket",
    ]);
  });
});
