"use client";
import { useQuery } from "@tanstack/react-query";
import { ButtonLink } from "@/components/ui/button";
import { ApiError } from "@/components/ui/fetch-json";
import { Editor } from "@/components/canvas/Editor";
import { designsApi } from "./api";

/** Loads the design once (the editor's store owns it afterwards) and opens the editor. */
export function EditorLoader({ id, canEdit }: { id: string; canEdit: boolean }) {
  const q = useQuery({
    queryKey: ["design", id],
    queryFn: () => designsApi.get(id),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnMount: "always",
  });
  if (q.isPending)
    return (
      <div className="tc-editor-loading" role="status">
        Opening design…
      </div>
    );
  if (q.isError)
    return (
      <div className="page">
        <div className="alert alert-danger" role="alert">
          {q.error instanceof ApiError && q.error.status === 404
            ? "This design does not exist (or was deleted)."
            : `Could not open the design: ${q.error.message}`}
        </div>
        <p style={{ marginTop: 16 }}>
          <ButtonLink href="/designs">Back to designs</ButtonLink>
        </p>
      </div>
    );
  return <Editor key={`${q.data.id}`} detail={q.data} readOnly={!canEdit} />;
}
