"use client";
// "Why not": a short message floated where the refused gesture ended, gone after a few seconds.
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

export interface Refusal {
  /** Position inside the canvas, already kept inside its right edge. */
  left: number;
  top: number;
  text: string;
}

const SHOW_MS = 4500;
const BUBBLE_WIDTH = 300;

export function useRefusal(wrapper: RefObject<HTMLDivElement | null>, onRefuse?: (reason: string) => void) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const refuse = useCallback(
    (text: string, client?: { x: number; y: number }) => {
      const box = wrapper.current?.getBoundingClientRect();
      const x = client && box ? client.x - box.left : (box?.width ?? 400) / 2;
      const y = client && box ? client.y - box.top : 24;
      setRefusal({ left: Math.min(x + 12, (box?.width ?? 800) - BUBBLE_WIDTH), top: y + 12, text });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setRefusal(null), SHOW_MS);
      onRefuse?.(text);
    },
    [wrapper, onRefuse],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  return { refusal, refuse };
}
