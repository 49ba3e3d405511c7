import { z } from "zod";

/**
 * Declared load: what a component will carry, for the capacity planner (lib/topology/sizing). Every field is
 * optional and the defaults are empty objects, which mean "not sized": the planner never invents a load.
 */

/** Above this a single Prometheus (or receiver shard) is not a real deployment but a typo. */
export const MAX_SERIES_PER_SHARD = 1_000_000_000;

const seriesCount = z
  .number()
  .int("must be a whole number")
  .min(0, "must be 0 or more")
  .max(MAX_SERIES_PER_SHARD, "over 10⁹ series per shard is not a plannable load");

/** Per shard and replica: either `activeSeries`, or `targets` × `seriesPerTarget`. */
export const prometheusLoad = z
  .object({
    activeSeries: seriesCount.optional().describe("Active (head) series one shard replica scrapes."),
    targets: z.number().int("must be a whole number").min(0, "must be 0 or more").max(10_000_000).optional(),
    seriesPerTarget: z
      .number()
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .max(MAX_SERIES_PER_SHARD)
      .optional(),
  })
  .superRefine((l, ctx) => {
    if (
      l.targets !== undefined &&
      l.seriesPerTarget !== undefined &&
      l.targets * l.seriesPerTarget > MAX_SERIES_PER_SHARD
    )
      ctx.addIssue({
        code: "custom",
        path: ["seriesPerTarget"],
        message: `targets × seriesPerTarget = ${l.targets * l.seriesPerTarget}: over 10⁹ series per shard is not a plannable load`,
      });
  })
  .prefault({});

/** For the whole receiver hashring (all tenants), or per tenant; the planner adds tenants up. */
export const receiverLoad = z
  .object({
    activeSeries: seriesCount
      .optional()
      .describe("Active series written to this hashring, all tenants, before replication."),
    tenants: z.record(z.string().min(1).max(128), seriesCount).default({}),
  })
  .prefault({});

export const queryLoad = z
  .object({
    queriesPerSecond: z.number().min(0, "must be 0 or more").max(100_000, "at most 100000").optional(),
  })
  .prefault({});

/** An Object Store's load is what is written to it; its one own figure is the price, when known. */
export const objectStoreLoad = z
  .object({
    pricePerGiBMonth: z.number().min(0, "must be 0 or more").max(1_000).optional().describe("Price per GiB-month."),
  })
  .prefault({});

/** Thanos `--receive.hashrings-algorithm`; Thanos defaults to hashmod and recommends ketama for new installs. */
export const hashringAlgorithm = z.enum(["hashmod", "ketama"]).default("hashmod");
