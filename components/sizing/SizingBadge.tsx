import { Gauge } from "lucide-react";
import "./sizing.css";

/** Node badge: the configured resources are below what the declared load needs. */
export function SizingBadge({ message }: { message: string }) {
  return (
    <span className="tz-sizing-badge" title={message} data-testid="sizing-badge">
      <Gauge size={11} strokeWidth={2.5} aria-hidden />
      <span className="tc-sr">{message}</span>
    </span>
  );
}
