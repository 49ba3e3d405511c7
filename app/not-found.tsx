import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="page" style={{ paddingTop: 96 }}>
      <div className="card">
        <div className="empty-state">
          <h2>Page not found</h2>
          <p>The page you asked for does not exist or was moved.</p>
          <ButtonLink href="/designs" variant="primary">
            Go to Designs
          </ButtonLink>
        </div>
      </div>
    </div>
  );
}
