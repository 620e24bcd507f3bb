"use client";
import { useSyncExternalStore } from "react";

const subscribe = (tick: () => void) => {
  const id = setInterval(tick, 1_000);
  return () => clearInterval(id);
};
// Whole seconds, so two reads within a render agree and React sees a stable snapshot.
const now = () => Math.floor(Date.now() / 1_000) * 1_000;

/**
 * The browser's clock, ticking each second; null during the server render and hydration, so
 * anything derived from "now" is drawn only in the browser and never mismatches (React #418).
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, now, () => null);
}
