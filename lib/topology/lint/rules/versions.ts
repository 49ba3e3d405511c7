import { PRODUCTS, PRODUCT_LABEL, SUPPORTED_RELEASES, releaseOf, supportedRange } from "../../releases";
import type { LintRule } from "../types";

/**
 * Render knows each supported release's flags; for any other release it would emit flags that release may not
 * have (v0.20 has no `--endpoint`) or lack ones it needs, and the pods would crash-loop or silently misbehave.
 */
export const versionUnsupported: LintRule = {
  id: "version-unsupported",
  severity: "error",
  title: "A version render holds no flag list for",
  check(_g, design) {
    return PRODUCTS.filter((p) => !releaseOf(p, design.versions[p])).map((p) => {
      const latest = SUPPORTED_RELEASES[p][SUPPORTED_RELEASES[p].length - 1].tag;
      return {
        path: `versions.${p}`,
        message: `${PRODUCT_LABEL[p]} ${design.versions[p]} is not a supported release (supported: ${supportedRange(p)}): render does not know which flags it accepts.`,
        hint: `Set Versions → ${p} to a release in ${supportedRange(p)}, e.g. ${latest}.`,
      };
    });
  },
};

/** A supported minor, but a tag that is not one of its releases (a typo, a pre-release, a patch newer than the lists). */
export const versionUnknownPatch: LintRule = {
  id: "version-unknown-patch",
  severity: "warning",
  title: "A version that is not a known release of its minor",
  check(_g, design) {
    return PRODUCTS.flatMap((p) => {
      const release = releaseOf(p, design.versions[p]);
      if (!release || release.tags.includes(design.versions[p])) return [];
      return [
        {
          path: `versions.${p}`,
          message: `${PRODUCT_LABEL[p]} ${design.versions[p]} is not a known v${release.minor} release (${release.tags.join(", ")}): the image may not exist; flags are checked against ${release.tag}.`,
          hint: `Set Versions → ${p} to ${release.tag} unless you know ${design.versions[p]} exists.`,
        },
      ];
    });
  },
};

export const VERSION_RULES = [versionUnsupported, versionUnknownPatch];
