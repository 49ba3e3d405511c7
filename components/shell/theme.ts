// The colour theme: the user's choice (system, light or dark) is kept in localStorage and resolved onto
// <html data-theme="light|dark">, which app/globals.css keys its variables on.
export const THEME_KEY = "topology-studio.theme";
export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/**
 * Resolves the stored choice onto <html> now and again whenever the system setting or the stored choice
 * changes (other tabs fire `storage`; this tab dispatches one). It is inlined into the page as a script
 * that runs before first paint, so it must stand alone: no imports, no outer variables.
 */
export function bootTheme(key: string): void {
  const root = document.documentElement;
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    let choice: string | null = null;
    try {
      choice = window.localStorage.getItem(key);
    } catch {
      // Storage blocked (privacy settings): follow the system.
    }
    if (choice !== "light" && choice !== "dark") choice = "system";
    root.dataset.themeChoice = choice;
    root.dataset.theme = choice === "dark" || (choice === "system" && media.matches) ? "dark" : "light";
  };
  apply();
  media.addEventListener("change", apply);
  window.addEventListener("storage", (e) => {
    if (e.key === null || e.key === key) apply();
  });
}

/** The inline script for app/layout.tsx's <head>. */
export const themeBootScript = `(${bootTheme.toString()})(${JSON.stringify(THEME_KEY)})`;

export function currentThemeChoice(): ThemeChoice {
  const c = document.documentElement.dataset.themeChoice;
  return (THEME_CHOICES as readonly string[]).includes(c ?? "") ? (c as ThemeChoice) : "system";
}

/** Stores the choice and applies it in this tab (the `storage` event only reaches other tabs by itself). */
export function chooseTheme(choice: ThemeChoice): void {
  try {
    if (choice === "system") window.localStorage.removeItem(THEME_KEY);
    else window.localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Storage blocked: the choice still applies until the page is left.
    const dark =
      choice === "dark" || (choice === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
    Object.assign(document.documentElement.dataset, { themeChoice: choice, theme: dark ? "dark" : "light" });
    return;
  }
  window.dispatchEvent(new StorageEvent("storage", { key: THEME_KEY }));
}
