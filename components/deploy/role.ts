"use client";
// Whether the signed-in user may plan and deploy (deployer role or above); decides if the Deploy tab shows.
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/fetch-json";

const ORDER = ["viewer", "editor", "deployer", "admin"];

export function useCanDeploy(): boolean {
  const q = useQuery({
    queryKey: ["me"],
    queryFn: () => fetchJson<{ user: { role: string } }>("/api/auth/me"),
    staleTime: 60_000,
    retry: false,
  });
  return !!q.data && ORDER.indexOf(q.data.user.role) >= ORDER.indexOf("deployer");
}
