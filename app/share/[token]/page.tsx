// Public review page for a share link: no sign-in, no app navigation. Unknown, expired and revoked
// tokens render the same 404. The token is in the URL, so the page tells browsers not to send it on
// as a Referer and not to index it.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ShareViewer } from "@/components/review/ShareViewer";
import { NotFoundError } from "@/server/errors";
import { shareView, type ShareView } from "@/server/shares/view";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Shared design review",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ revision?: string }> };

export default async function SharePage({ params, searchParams }: Props) {
  const { token } = await params;
  const { revision } = await searchParams;
  const requested = revision && /^\d+$/.test(revision) ? Number(revision) : undefined;
  let view: ShareView;
  try {
    view = await shareView(token, requested);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  return <ShareViewer token={token} initial={view} />;
}
