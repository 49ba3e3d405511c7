"use client";
import { useSyncExternalStore } from "react";
import { Monitor, Moon, Sun } from "lucide-react";
import { chooseTheme, currentThemeChoice, THEME_CHOICES, type ThemeChoice } from "./theme";
import styles from "./shell.module.css";

const ICON = { system: Monitor, light: Sun, dark: Moon } as const;
const LABEL: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

/** System / Light / Dark, as radio items of the user menu. */
export function ThemeToggle() {
  // The choice lives on <html> (set before first paint and on every `storage` event, this tab's included).
  const choice = useSyncExternalStore(subscribe, currentThemeChoice, () => "system" as ThemeChoice);

  return (
    <div className={styles.menuSection} role="group" aria-labelledby="theme-label">
      <span className={styles.menuSectionLabel} id="theme-label">
        Theme
      </span>
      <div className={styles.theme}>
        {THEME_CHOICES.map((c) => {
          const Icon = ICON[c];
          return (
            <button
              key={c}
              type="button"
              role="menuitemradio"
              aria-checked={c === choice}
              className={styles.themeOption}
              onClick={() => chooseTheme(c)}
            >
              <Icon size={14} aria-hidden />
              {LABEL[c]}
            </button>
          );
        })}
      </div>
    </div>
  );
}
