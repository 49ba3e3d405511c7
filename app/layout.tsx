import type { Metadata } from "next";
import type { ReactNode } from "react";
import { themeBootScript } from "@/components/shell/theme";
import { ToastProvider } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Topology Studio", template: "%s · Topology Studio" },
  description: "Design, review and deploy Prometheus + Thanos topologies.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The boot script sets data-theme before first paint, so React must not treat it as a mismatch.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>
        <ToastProvider>{children}</ToastProvider>
      </body>
    </html>
  );
}
