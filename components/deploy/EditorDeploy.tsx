"use client";
// The editor's hooks into deploy, kept here so Editor.tsx only mounts them: the "Deploy" tab button
// (deployers only) and the pane that plans and deploys the last SAVED revision.
import { useEditor } from "@/components/canvas/context";
import { DeployPanel } from "./DeployPanel";
import { useCanDeploy } from "./role";

export function DeployTabButton({ active, onSelect }: { active: boolean; onSelect: () => void }) {
  if (!useCanDeploy()) return null;
  return (
    <button
      role="tab"
      type="button"
      aria-selected={active}
      className={active ? "is-active" : ""}
      onClick={onSelect}
      data-testid="deploy-tab"
    >
      Deploy
    </button>
  );
}

export function EditorDeployPane(props: {
  designId: string;
  revision: number;
  dirty: boolean;
  onSelectComponent: (id: string) => void;
}) {
  const saved = useEditor((s) => s.saved);
  return <DeployPanel {...props} design={saved} />;
}
