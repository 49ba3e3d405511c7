import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Boxes, GitPullRequestArrow, Rocket } from "lucide-react";
import { LogoMark } from "@/components/shell/logo";
import { currentPageActor } from "@/server/http/page-auth";
import { safeNextPath } from "@/server/http/request-info";
import { LoginForm } from "./login-form";
import styles from "./login.module.css";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined);
  if (await currentPageActor()) redirect(next);

  return (
    <div className={styles.screen}>
      <aside className={styles.brandPanel}>
        <div className={styles.brandTop}>
          <LogoMark size={34} />
          Topology Studio
        </div>
        <div className={styles.pitch}>
          <h2>Draw your monitoring topology. Ship it with confidence.</h2>
          <p>
            One design for your Prometheus shards and Thanos components — linted as you draw, reviewed through links,
            deployed to your clusters.
          </p>
          <ul className={styles.features}>
            <li>
              <span className={styles.featureIcon}>
                <Boxes size={16} />
              </span>
              Design Prometheus + Thanos on a canvas
            </li>
            <li>
              <span className={styles.featureIcon}>
                <GitPullRequestArrow size={16} />
              </span>
              Review revisions through shared links
            </li>
            <li>
              <span className={styles.featureIcon}>
                <Rocket size={16} />
              </span>
              Plan, diff and deploy to Kubernetes
            </li>
          </ul>
        </div>
        <div className={styles.brandFoot}>Self-hosted · your clusters, your data</div>
        <svg className={styles.graph} width="420" height="300" viewBox="0 0 420 300" aria-hidden>
          <g stroke="#fff" strokeWidth="2" fill="none">
            <path d="M60 240 L200 80 L340 240 M60 240 H340 M200 80 L200 240" />
          </g>
          <g fill="#fff">
            <circle cx="200" cy="80" r="18" />
            <circle cx="60" cy="240" r="14" />
            <circle cx="340" cy="240" r="14" />
            <circle cx="200" cy="240" r="14" />
          </g>
        </svg>
      </aside>
      <main className={styles.formPanel}>
        <div className={styles.formCard}>
          <h1>Sign in</h1>
          <p>Welcome back. Use the account your administrator gave you.</p>
          <LoginForm next={next} />
          <p className={styles.help}>
            First start? Sign in as the admin: the email set by <code>ADMIN_EMAIL</code> and the password set by{" "}
            <code>ADMIN_PASSWORD</code>, or the one <code>npm start</code> printed once.
          </p>
        </div>
      </main>
    </div>
  );
}
