// One answer for unknown, expired and revoked links, so a link's history cannot be told apart.
import { LogoMark } from "@/components/shell/logo";

export default function ShareNotFound() {
  return (
    <main style={{ display: "grid", placeItems: "center", minHeight: "100vh", padding: 24 }}>
      <div
        className="card"
        style={{
          maxWidth: 460,
          padding: "36px 32px",
          textAlign: "center",
          display: "flex",
          flexDirection: "column",
          alignItems: "center",
          gap: 12,
        }}
      >
        <LogoMark size={40} />
        <h1 style={{ fontSize: 19 }}>This review link does not work</h1>
        <p className="muted">
          It may have expired or been revoked, or it was copied incompletely. Ask the person who shared it for a new
          link.
        </p>
      </div>
    </main>
  );
}
