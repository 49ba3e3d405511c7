"use client";
// What the admin registry screens (clusters, Git targets) share: one write at a time with `busy` set and the
// server-rendered list refreshed after it, a per-row check, and the confirm-then-delete flow.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";

export interface Registered {
  id: string;
  name: string;
}

export type CheckOutcome<R> = { result: R; error?: undefined } | { result?: undefined; error: string };

export function useRegistryActions<T extends Registered>() {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState<string | null>(null);
  const [removing, setRemoving] = useState<T | null>(null);

  /** Runs a write with `busy` set; refreshes the list when it succeeds and hands its error to `onError`. */
  async function run(write: () => Promise<void>, onError: (message: string) => void): Promise<void> {
    setBusy(true);
    try {
      await write();
      router.refresh();
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  /** Calls a row's check with `checking` naming the row meanwhile; an error is an outcome, not a throw. */
  async function check<R>(item: T, call: (id: string) => Promise<R>): Promise<CheckOutcome<R>> {
    setChecking(item.id);
    try {
      return { result: await call(item.id) };
    } catch (e) {
      return { error: (e as Error).message };
    } finally {
      setChecking(null);
    }
  }

  /** Deletes the row awaiting confirmation; a success toast says what it means, a failure says why. */
  function confirmRemove(
    call: (id: string) => Promise<unknown>,
    done: { title: string; message: (name: string) => string },
  ) {
    const item = removing;
    if (!item) return;
    void run(
      async () => {
        await call(item.id);
        toast.success(done.message(item.name), done.title);
        setRemoving(null);
      },
      (message) => toast.error(message, `Could not delete ${item.name}`),
    );
  }

  /** Re-reads the server-rendered list after a change made elsewhere (a registration dialog of its own). */
  const refresh = () => router.refresh();

  return { busy, run, refresh, checking, check, removing, askRemove: setRemoving, confirmRemove, toast };
}

export type RegistryActions<T extends Registered> = ReturnType<typeof useRegistryActions<T>>;
