import type { LintRule } from "../types";
import { named } from "../util";

/** Ruler replicas differ only by their replica label; without dropping it Alertmanager cannot merge their alerts. */
export const rulerAlertLabelDrop: LintRule = {
  id: "ruler-alert-label-drop",
  severity: "warning",
  title: "Ruler does not drop its replica label from alerts",
  check(g) {
    return g
      .ofKind("ruler")
      .filter((r) => !r.settings.alertLabelDrop.includes(r.settings.replicaLabel))
      .map((r) => ({
        componentId: r.id,
        message: `${named(r)} does not drop "${r.settings.replicaLabel}" from its alerts: each replica's alert looks different to Alertmanager, so every alert is notified once per replica.`,
        hint: `Add "${r.settings.replicaLabel}" to ${r.name}'s alert label drop (--alert.label-drop).`,
      }));
  },
};

export const ALERTING_RULES = [rulerAlertLabelDrop];
