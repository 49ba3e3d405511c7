"use client";
import { Button } from "@/components/ui/button";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page">
      <div className="card">
        <div className="empty-state">
          <h2>Something went wrong</h2>
          <p>
            This screen could not be shown{error.digest ? ` (reference ${error.digest})` : ""}. Try again; if it keeps
            failing, check the server log.
          </p>
          <Button variant="primary" onClick={reset}>
            Try again
          </Button>
        </div>
      </div>
    </div>
  );
}
